// Days as the hub counts them. The hub refuses a date after its own today, which is the UTC day
// (subgraphs/common/validation.ts), so the forms offer that day and nothing later.
import dayjs, { type Dayjs } from 'dayjs';

/** The hub's today, YYYY-MM-DD. */
export const hubToday = (): string => new Date().toISOString().slice(0, 10);

/** The hub's today as a DatePicker value. */
export const todayValue = (): Dayjs => dayjs(hubToday());

/** For a DatePicker's `disabledDate`: days after the hub's today. */
export const afterToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > hubToday();

/** A DatePicker's value as the API takes it. */
export const isoDay = (d: Dayjs): string => d.format('YYYY-MM-DD');
