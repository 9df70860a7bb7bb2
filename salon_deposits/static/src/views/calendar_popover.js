/** @odoo-module **/
// Copyright 2026 Salon Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {CalendarCommonPopover} from "@web/views/calendar/calendar_common/calendar_common_popover";
import {patch} from "@web/core/utils/patch";
import {useService} from "@web/core/utils/hooks";

/**
 * "Confirm with Payment" in the agenda's pop-over of an appointment for which
 * the salon's policy asks a deposit not taken yet (seed 000).
 */
patch(CalendarCommonPopover.prototype, {
  setup() {
    super.setup(...arguments);
    this.salonAction = useService("action");
    this.salonOrm = useService("orm");
  },
  get salonCanConfirmWithPayment() {
    return (
      this.props.model.resModel === "calendar.event" &&
      Boolean(this.props.record.rawRecord.salon_can_take_deposit)
    );
  },
  async onSalonConfirmWithPayment() {
    const action = await this.salonOrm.call(
      "calendar.event",
      "action_salon_confirm_with_payment",
      [[this.props.record.id]]
    );
    this.props.close();
    await this.salonAction.doAction(action, {
      onClose: () => this.props.model.load(),
    });
  },
});
