/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

const MEMBERSHIP = ".o_salon_membership";

/**
 * A member opens "My membership" from her account: this month's credit, what
 * she used, what is left, the next debit and the months; the full history of
 * her credit is Odoo's loyalty history. Back in her membership, she changes
 * her plan (from the next month) and cancels (it ends after the notice).
 */
registry.category("web_tour.tours").add("salon_memberships_portal_member", {
  url: "/my",
  steps: () => [
    {
      content: "Open my membership from my account",
      trigger: '.o_portal_index_card a[href="/my/membership"]:contains(Membership)',
      run: "click",
    },
    {
      content: "My plan, active",
      trigger: `${MEMBERSHIP}:contains(Monthly Care) .o_salon_membership_state:contains(Active)`,
    },
    {
      content: "This month's credit",
      trigger: `${MEMBERSHIP} .o_salon_month_credit:contains(50.00)`,
    },
    {
      content: "Used this month",
      trigger: `${MEMBERSHIP} .o_salon_month_used:contains(12.50)`,
    },
    {
      content: "Credit left",
      trigger: `${MEMBERSHIP} .o_salon_credit_left:contains(37.50)`,
    },
    {
      content: "The next debit is dated",
      trigger: `${MEMBERSHIP} .o_salon_next_debit`,
      run() {
        const text = this.anchor.textContent.trim();
        if (!/^\d{2}\/\d{2}\/\d{4}$/.test(text)) {
          throw new Error(`The next debit is not a date: "${text}"`);
        }
      },
    },
    {
      content: "The month, paid: its debit, credit, used and left",
      trigger: `${MEMBERSHIP} .o_salon_membership_months tbody tr:contains(Paid):contains(50.00):contains(12.50):contains(37.50)`,
    },
    {
      content: "A member is not offered to join",
      trigger: "body:not(:has(.o_salon_membership_join))",
    },
    {
      content: "Follow the full history of my credit",
      trigger: `${MEMBERSHIP} .o_salon_membership_history:contains(Full history of my credit)`,
      run: "click",
    },
    {
      content: "Odoo's loyalty history lists what I paid with the credit",
      trigger:
        ".o_portal_my_doc_table tbody tr:contains(Paid with the membership credit)",
    },
    {
      content: "Back to my account",
      trigger: '.o_portal_submenu a[href="/my/home"]',
      run: "click",
    },
    {
      trigger: '.o_portal_index_card a[href="/my/membership"]',
      run: "click",
    },
    {
      content: "Choose the premium plan",
      trigger: `${MEMBERSHIP} select[name=plan_id]`,
      run: "selectByLabel Premium Care",
    },
    {
      content: "Change plan",
      trigger: `${MEMBERSHIP} .o_salon_change_plan:contains(Change plan)`,
      run: "click",
    },
    {
      content: "The new plan applies from the next month",
      trigger: ".o_salon_message:contains(Your new plan applies from the next month.)",
    },
    {
      trigger: `${MEMBERSHIP}:contains(From the next month: Premium Care.)`,
    },
    {
      content: "This month stays on my plan",
      trigger: `${MEMBERSHIP} .card-title:contains(Monthly Care)`,
    },
    {
      content: "Cancel my membership",
      trigger: `${MEMBERSHIP} .o_salon_membership_cancel:contains(Cancel my membership)`,
      run: "click",
    },
    {
      trigger: ".o_salon_message:contains(Your membership is cancelled.)",
    },
    {
      content: "It ends after the notice",
      trigger: `${MEMBERSHIP} .o_salon_membership_end:contains(Your membership ends on)`,
    },
    {
      content: "Cancelled once only",
      trigger: `${MEMBERSHIP}:not(:has(.o_salon_membership_cancel))`,
    },
  ],
});

/**
 * A client who is not a member sees the plans offered online and joins one:
 * the first month is paid on Mollie's checkout, on Mollie's site.
 *
 * The tour does not run on that other origin (no Odoo there, and its state is
 * kept in the origin's localStorage): its last step only holds the tour on
 * this page while the browser leaves it. The test checks the checkout page
 * and ends the tour there (test_membership_portal_tour.py).
 */
registry.category("web_tour.tours").add("salon_memberships_portal_join", {
  url: "/my/membership",
  steps: () => [
    {
      content: "Not a member yet",
      trigger: ".o_salon_no_membership:contains(You are not a member yet.)",
    },
    {
      trigger: "h3:contains(Become a member)",
    },
    {
      content: "The premium plan is offered online",
      trigger:
        ".o_salon_membership_plans .card:contains(Premium Care):contains(90.00) .o_salon_membership_join",
    },
    {
      content: "The plan sold at the salon only is not",
      trigger: ".o_salon_membership_plans:not(:contains(Staff Deal))",
    },
    {
      content: "Join the monthly plan",
      trigger:
        ".o_salon_membership_plans .card:contains(Monthly Care):contains(A cut or a blow-dry each month.) .o_salon_membership_join",
      run: "click",
    },
    {
      content: "Mollie's checkout of the first month, checked by the test",
      trigger: "body:contains(Fake Mollie checkout)",
    },
  ],
});
