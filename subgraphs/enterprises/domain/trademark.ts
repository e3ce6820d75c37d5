// Trademark registrations (Trademark Law arts. 39-40): ten years from the day of registration,
// renewed for ten more within the twelve months before they end or the six months of grace after.
// Pure.
import { addDays, addMonths, addYears } from '../../../standards/calendar-date.js';

export const TERM_YEARS = 10;
export const RENEWAL_OPENS_MONTHS = 12;
export const RENEWAL_GRACE_MONTHS = 6;

/** The last day of a registration made on `registrationDate`: 2016-05-14 runs to 2026-05-13. */
export const registrationExpiry = (registrationDate: string): string => addDays(addYears(registrationDate, TERM_YEARS), -1);

/** The days a registration ending on `expiryDate` may be renewed, first and last included. */
export function renewalWindow(expiryDate: string): { opens: string; closes: string } {
  return { opens: addMonths(expiryDate, -RENEWAL_OPENS_MONTHS), closes: addMonths(expiryDate, RENEWAL_GRACE_MONTHS) };
}

/**
 * The new last day of a registration renewed on `renewedOn`: ten years from the day after the old
 * term's end. A message when `renewedOn` lies outside the renewal window.
 */
export function renewal(expiryDate: string, renewedOn: string): { ok: true; expiryDate: string } | { ok: false; message: string } {
  const { opens, closes } = renewalWindow(expiryDate);
  if (renewedOn < opens) return { ok: false, message: `the registration ends on ${expiryDate}; it can be renewed from ${opens}` };
  if (renewedOn > closes) return { ok: false, message: `the registration ended on ${expiryDate}, and its grace period for renewal on ${closes}` };
  return { ok: true, expiryDate: addYears(expiryDate, TERM_YEARS) };
}

/**
 * A mark's text as registrations of "the same mark" are compared: Unicode NFKC (full-width and
 * half-width forms, compatibility characters as their plain ones), then trimmed. Identical text
 * only: whether two marks are similar (近似), or goods in two classes similar (类似), is the
 * Trademark Office's judgment, which the register's data does not let the hub make.
 */
export const markKey = (mark: string): string => mark.normalize('NFKC').trim();

/** At most this many of an owner's other registrations of the same mark in a class are listed (Trademark.sameMarkInClass). */
export const MAX_SAME_MARK = 200;
