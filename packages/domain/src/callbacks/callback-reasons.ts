/**
 * Why a callback was (re)booked. The cause travels in `callback.scheduled`'s `reason` as one of
 * these sentences, so the history reads well and the emails can still tell the cases apart.
 */
export const CALLBACK_CAUSES = {
  level2: 'the ticket reached level 2',
  retry: 'no answer at the previous attempt; next attempt booked',
  customerTime: 'the customer asked for this time',
  customerTimeUnavailable: 'the customer asked for a time that cannot be booked; the next free slot after it was booked',
  customerOtherTime: 'the customer asked for another time without one we could read; the next free slot was booked',
  customerZone: 'the customer told us their time zone',
} as const;

export type CallbackCause = keyof typeof CALLBACK_CAUSES;

/** Suffix added to a reason when no slot met the customer's hours and business hours alone decided. */
export const OUTSIDE_CUSTOMER_HOURS = ' (outside the customer\'s usual hours: none overlap ours)';

export function callbackReason(cause: CallbackCause, outsideCustomerHours = false): string {
  return CALLBACK_CAUSES[cause] + (outsideCustomerHours ? OUTSIDE_CUSTOMER_HOURS : '');
}

/** The cause behind a `callback.scheduled` reason; unknown text (older events) reads as level2. */
export function callbackCauseOf(reason: string): { cause: CallbackCause; outsideCustomerHours: boolean } {
  const outsideCustomerHours = reason.endsWith(OUTSIDE_CUSTOMER_HOURS);
  const base = outsideCustomerHours ? reason.slice(0, -OUTSIDE_CUSTOMER_HOURS.length) : reason;
  const cause = (Object.keys(CALLBACK_CAUSES) as CallbackCause[]).find((k) => CALLBACK_CAUSES[k] === base) ?? 'level2';
  return { cause, outsideCustomerHours };
}
