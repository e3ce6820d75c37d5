// How urgent a right's next deadline is, as a coloured tag: orange when a fee falls due soon or a
// right ends within 90 days, red in the grace period or within 30 days, grey once it has passed.
import { type Tone, ToneTag } from '../../../components/ToneTag';
import { useI18n } from '../../../i18n';

export interface AnnualFee {
  readonly state: string;
  readonly nextDueDate: string | null;
  readonly graceEndsOn: string | null;
  readonly surchargePercent: number;
}

const FEE_TONES: Record<string, Tone> = { NOT_DUE: 'green', DUE_SOON: 'orange', GRACE: 'red', LAPSED: 'grey', EXPIRED: 'grey' };

/** Whole days from today (the reader's) to `date` (YYYY-MM-DD): negative once it has passed. */
export function daysUntil(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const now = new Date();
  // Both at local midnight; rounding absorbs a daylight-saving hour.
  return Math.round((new Date(y!, m! - 1, d!).getTime() - new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()) / 86_400_000);
}

/** The tone of a deadline `days` away. */
export function urgencyTone(days: number): Tone {
  if (days < 0) return 'grey';
  if (days <= 30) return 'red';
  if (days <= 90) return 'orange';
  return 'blue';
}

/** A patent's annual-fee state, with what it means now: the due date, the surcharge, the end of grace. */
export function FeeTag({ fee, brief = false }: { fee: AnnualFee | null; brief?: boolean }) {
  const { t, label } = useI18n();
  if (fee === null) return <span>{t('rights.noFee')}</span>;
  // `brief`: beside a due-date column, only what the date does not say.
  const detail =
    fee.state === 'GRACE'
      ? brief
        ? t('rights.feeGraceBrief', { percent: fee.surchargePercent, end: fee.graceEndsOn ?? '' })
        : t('rights.feeGrace', { due: fee.nextDueDate ?? '', percent: fee.surchargePercent, end: fee.graceEndsOn ?? '' })
      : fee.nextDueDate !== null && !brief && fee.state !== 'LAPSED' && fee.state !== 'EXPIRED'
        ? t('rights.feeDue', { due: fee.nextDueDate })
        : '';
  return (
    <span data-testid="fee-state" data-state={fee.state}>
      <ToneTag tone={FEE_TONES[fee.state] ?? 'grey'}>{label('AnnualFeeState', fee.state)}</ToneTag>
      {detail && <span className="tag-note">{detail}</span>}
    </span>
  );
}

/** Days left until `date`, coloured by how near it is. */
export function DaysLeftTag({ date }: { date: string }) {
  const { t } = useI18n();
  const days = daysUntil(date);
  return <ToneTag tone={urgencyTone(days)}>{days < 0 ? t('rights.passed') : t('rights.daysLeft', { n: days })}</ToneTag>;
}
