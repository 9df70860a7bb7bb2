/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {loadJS} from "@web/core/assets";
import publicWidget from "@web/legacy/js/public/public_widget";
import {session} from "@web/session";

const ACTION = "salon_booking";

/**
 * The booking confirmation carries the token of Odoo's captcha addons when
 * the salon installed one: reCAPTCHA v3 (google_recaptcha, field
 * "recaptcha_token_response") or Cloudflare Turnstile (website_cf_turnstile,
 * field "turnstile_captcha"). The server checks it with
 * ir.http._verify_request_recaptcha_token("salon_booking"). Without a
 * captcha addon, nothing is loaded.
 */
publicWidget.registry.SalonBookingCaptcha = publicWidget.Widget.extend({
  selector: "form.o_salon_confirm_form",
  events: {submit: "_onSubmit"},

  async willStart() {
    await this._super(...arguments);
    this.recaptchaKey = session.recaptcha_public_key;
    this.turnstileKey = session.turnstile_site_key;
    if (this.recaptchaKey) {
      this.recaptchaReady = loadJS(
        `https://www.recaptcha.net/recaptcha/api.js?render=${encodeURIComponent(
          this.recaptchaKey
        )}`
      ).then(() => new Promise((resolve) => window.grecaptcha.ready(resolve)));
    }
    if (this.turnstileKey) {
      await loadJS(
        "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit"
      );
    }
  },

  start() {
    if (this.turnstileKey && window.turnstile) {
      const container = document.createElement("div");
      container.className = "o_salon_turnstile mb-3";
      this.el.querySelector("button[type=submit]").before(container);
      window.turnstile.render(container, {
        sitekey: this.turnstileKey,
        action: ACTION,
        "response-field-name": "turnstile_captcha",
      });
    }
    return this._super(...arguments);
  },

  async _onSubmit(ev) {
    if (!this.recaptchaKey || this.tokenSet) {
      return;
    }
    ev.preventDefault();
    await this.recaptchaReady;
    const token = await window.grecaptcha.execute(this.recaptchaKey, {
      action: ACTION,
    });
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "recaptcha_token_response";
    input.value = token;
    this.el.append(input);
    this.tokenSet = true;
    this.el.requestSubmit();
  },
});
