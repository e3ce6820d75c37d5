// Days as the hub counts them. The hub refuses a date after its own today, the day in its time
// zone (IPHUB_TIME_ZONE, which the page's <meta name="iphub-time-zone"> carries), so the forms
// offer that day and nothing later.
import dayjs, { type Dayjs } from 'dayjs';

const zone = document.querySelector<HTMLMetaElement>('meta[name="iphub-time-zone"]')?.content || 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The hub's today, YYYY-MM-DD. */
export const hubToday = (): string => {
  const parts = Object.fromEntries(format.formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
};

/** The hub's today as a DatePicker value. */
export const todayValue = (): Dayjs => dayjs(hubToday());

/** For a DatePicker's `disabledDate`: days after the hub's today. */
export const afterToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > hubToday();

/** A DatePicker's value as the API takes it. */
export const isoDay = (d: Dayjs): string => d.format('YYYY-MM-DD');
