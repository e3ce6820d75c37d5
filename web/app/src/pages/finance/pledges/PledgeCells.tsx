// How a pledge's state and numbers read in a list, the pledgee's, the centre's and the pledgor's
// alike: the state in its tone (awaiting an answer orange, in force green, refused red), and the
// hub's registration number with the authority's under it once recorded.
import { Typography } from 'antd';

import { type Tone, ToneTag } from '../../../components/ToneTag';
import { useI18n } from '../../../i18n';

const TONES: Record<string, Tone> = { PROPOSED: 'orange', REGISTERED: 'green', RELEASED: 'grey', ENFORCED: 'red', DECLINED: 'grey', WITHDRAWN: 'grey' };

export function PledgeStateTag({ state }: { state: string }) {
  const { label } = useI18n();
  return <ToneTag tone={TONES[state] ?? 'grey'}>{label('PledgeState', state)}</ToneTag>;
}

export interface Numbered {
  readonly registrationNumber: string;
  readonly authorityRegistration: { readonly number: string; readonly date: string } | null;
}

export function PledgeNumber({ pledge }: { pledge: Numbered }) {
  const { t } = useI18n();
  const authority = pledge.authorityRegistration;
  return (
    <>
      <span className="mono">{pledge.registrationNumber}</span>
      {authority && (
        <>
          <br />
          <Typography.Text type="secondary">{t('pledges.authorityLine', { number: authority.number, date: authority.date })}</Typography.Text>
        </>
      )}
    </>
  );
}
