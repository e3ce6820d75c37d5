// A patent or application as the court finds it: where it stands, a freeze under the court's order
// (three years, the hub's default), lifting a freeze this court made, and its history.
import { Alert, Card, Space, Spin } from 'antd';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RightHistory } from '../../components/rights/History';
import { PatentState } from '../../components/rights/PatentState';
import { PATENT_LIFECYCLE_FIELDS, type PatentLifecycle } from '../../components/rights/types';
import { isoDay } from '../../dates';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { FreezeForm, UnfreezeForm } from './FreezeForms';

const PATENT = `query CourtPatent($number: String!) { patent(applicationNumber: $number) { ${PATENT_LIFECYCLE_FIELDS} } }`;
const FREEZE = `mutation Freeze($input: FreezePatentInput!) { patentFreeze(input: $input) { patent { applicationNumber freeze { court orderNumber frozenOn } } ${USER_ERRORS} } }`;
const UNFREEZE = `mutation Unfreeze($input: UnfreezePatentInput!) { patentUnfreeze(input: $input) { patent { applicationNumber freeze { court } } ${USER_ERRORS} } }`;

export function PatentFreeze({ number }: { number: string }) {
  const { t } = useI18n();
  const { organization } = useAccount();
  const query = useGraphQL<{ patent: PatentLifecycle | null }>(PATENT, { number });
  const p = query.data?.patent;
  if (query.isPending) return <Spin aria-label={t('common.loading')} />;
  if (p === undefined) return <ErrorAlert error={query.error} />;
  if (p === null) return <Alert type="warning" showIcon title={t('lifecycle.noSuchPatent', { number })} />;
  const applicationNumber = p.applicationNumber;
  const freezable = p.status === 'PENDING' || p.status === 'GRANTED';
  return (
    <Space orientation="vertical" className="full-width" data-testid="freeze-patent" data-number={applicationNumber}>
      <ErrorAlert error={query.error} />
      <PatentState p={p} />
      <Card size="small" title={<h2 className="card-title">{p.freeze === null ? t('freezes.freezeHeading') : t('freezes.unfreezeHeading')}</h2>}>
        {p.freeze === null && freezable && (
          <FreezeForm freeze={(f) => mutate(FREEZE, { input: { applicationNumber, orderNumber: f.orderNumber, frozenOn: isoDay(f.frozenOn) } })} />
        )}
        {p.freeze === null && !freezable && <Alert type="info" showIcon title={t('freezes.notFreezable')} />}
        {p.freeze !== null && p.freeze.court === organization && (
          <UnfreezeForm unfreeze={(unfrozenOn) => mutate(UNFREEZE, { input: { applicationNumber, unfrozenOn } })} />
        )}
        {p.freeze !== null && p.freeze.court !== organization && <Alert type="info" showIcon title={t('freezes.otherCourt', { court: p.freeze.court })} />}
      </Card>
      <h2 className="card-title">{t('history.title')}</h2>
      <RightHistory kind="PATENT" number={applicationNumber} />
    </Space>
  );
}
