export { resolveCustomerZone, isUsableZone, ianaZoneFor, noteCustomerZone, type CustomerZone, type TimezoneSource } from './customer-zone.js';
export { callbackDurationMs, slotStep, alignUp } from './callback-time.js';
export { customerHourSpans, withinCustomerHours } from './customer-hours.js';
export { findCallbackSlot, type BusyInterval, type CallbackAgentLoad, type CallbackSlot, type CallbackSlotSearch } from './find-callback-slot.js';
export { CALLBACK_CAUSES, callbackReason, callbackCauseOf, type CallbackCause } from './callback-reasons.js';
export {
  hasPendingCallback,
  needsCallback,
  scheduledSince,
  callbackSchedules,
  scheduleCallback,
  cancelCallback,
  type CallbackBooking,
} from './callback-state.js';
export {
  CALLBACK_OUTCOMES,
  isCallbackOutcome,
  assertPendingCallback,
  nextCallbackStep,
  applyCallbackOutcome,
  unreachableReason,
  type CallbackOutcome,
  type CallbackNextStep,
  type CallbackOutcomeInput,
} from './callback-outcome.js';
export { parseCallbackRequest, honoursRequest, type CallbackRequest, type CallbackRequestOptions } from './requested-time.js';
export { timezoneNote, scheduleNote, unreachableNotice } from './callback-notes.js';
export { zoneToldInReply, type ToldZone } from './told-zone.js';
export { callbackNotMoved, callbackNotMovedNote, callbackNotMovedReason, type CallbackNotMovedCause } from './callback-not-moved.js';
