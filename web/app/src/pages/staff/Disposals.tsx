// Transfers (转让登记) and licences (许可备案) of patents and trademarks, recorded by centre staff:
// the right, the counterparty (an enterprise found by its credit code, or a party outside the
// registry), the contract's date and its SHA-256 (the contract hashed here, never uploaded); a
// transfer's effective date, a licence's kind, territory, term and royalty. Each is a ledger entry,
// answered with its certificate. The registry's record of a right opens this page with the right
// filled in (?form=licence&kind=PATENT&number=…).
import { Card, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';

import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n';
import type { RightFields } from './disposals/fields';
import { LicenceForm } from './disposals/LicenceForm';
import { TransferForm } from './disposals/TransferForm';

export default function Disposals() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('form') === 'licence' ? 'licence' : 'transfer';
  const kind = params.get('kind');
  const initial: Partial<RightFields> = {
    ...(kind === 'PATENT' || kind === 'TRADEMARK' ? { kind } : {}),
    ...(params.get('number') ? { number: params.get('number')! } : {}),
  };
  // A fresh form for each right the page is opened with.
  const key = `${kind}-${params.get('number') ?? ''}`;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('disposals.title')} intro={t('disposals.intro')} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(next) => setParams((p) => (p.set('form', next), p), { replace: true })}
          items={[
            { key: 'transfer', label: t('disposals.registerTransfer'), children: <TransferForm key={key} initial={initial} /> },
            { key: 'licence', label: t('disposals.registerLicence'), children: <LicenceForm key={key} initial={initial} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
