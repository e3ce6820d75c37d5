// The enterprise's IP: its deadlines first (annual fees due or in grace, rights ending soon),
// then its patents, trademarks and copyrights, a tab each; a patent or trademark opens its record
// (its lifecycle, history, transfers and licences) in a drawer.
import { Button, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { type OpenRight, RecordDrawer } from '../../components/rights/RecordDrawer';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { NoEnterprise } from './NoEnterprise';
import { CopyrightTable, PatentTable, TrademarkTable } from './rights/RightTables';
import type { Copyright, ExpiryWarning, FeeWarning, Patent, Trademark, Warnings as Connection } from './rights/types';
import { Warnings } from './rights/Warnings';

// The warnings are connections: the first WARNINGS of each, with their total.
const WARNINGS = 100;

const RIGHTS = `query Rights($id: ID!, $first: Int) {
  enterprise(id: $id) {
    id name
    patents { applicationNumber type pct title status filingDate grantDate protectionEndsOn
      annualFee { state nextDueDate graceEndsOn surchargePercent } }
    trademarks { registrationNumber mark niceClass registrationDate expiryDate }
    copyrights { registrationNumber title kind registeredOn }
    annualFeeWarnings(first: $first) { totalCount edges { node { dueDate state surchargePercent graceEndsOn patent { applicationNumber title } } } }
    expiryWarnings(first: $first) { totalCount edges { node { right number title expiresOn } } }
  }
}`;

interface Answer {
  enterprise: {
    id: string;
    name: string;
    patents: Patent[];
    trademarks: Trademark[];
    copyrights: Copyright[];
    annualFeeWarnings: Connection<FeeWarning>;
    expiryWarnings: Connection<ExpiryWarning>;
  } | null;
}

export default function Rights() {
  const { t } = useI18n();
  const { enterpriseId } = useAccount();
  const query = useGraphQL<Answer>(RIGHTS, { id: enterpriseId, first: WARNINGS }, enterpriseId !== null);
  const e = query.data?.enterprise;
  const [open, setOpen] = useState<OpenRight>();
  return (
    <Space orientation="vertical" size="large" className="full-width">
      <PageHeading
        title={t('rights.heading')}
        intro={e ? t('rights.intro', { name: e.name }) : undefined}
        extra={
          <Button onClick={() => void query.refetch()} loading={query.isFetching}>
            {t('common.reload')}
          </Button>
        }
      />
      <ErrorAlert error={query.error} />
      {query.isPending && enterpriseId !== null && <Spin aria-label={t('common.loading')} />}
      {(enterpriseId === null || query.data?.enterprise === null) && <NoEnterprise />}
      {e && (
        <>
          <Warnings fees={e.annualFeeWarnings} expiries={e.expiryWarnings} />
          <Tabs
            items={[
              { key: 'patents', label: t('rights.patents', { n: e.patents.length }), children: <PatentTable patents={e.patents} onOpen={setOpen} /> },
              {
                key: 'trademarks',
                label: t('rights.trademarks', { n: e.trademarks.length }),
                children: <TrademarkTable trademarks={e.trademarks} onOpen={setOpen} />,
              },
              { key: 'copyrights', label: t('rights.copyrights', { n: e.copyrights.length }), children: <CopyrightTable copyrights={e.copyrights} /> },
            ]}
          />
          <RecordDrawer right={open} onClose={() => setOpen(undefined)} parties={false} />
        </>
      )}
    </Space>
  );
}
