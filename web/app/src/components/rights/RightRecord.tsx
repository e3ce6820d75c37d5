// A patent's or trademark's whole record: where it stands, what may be done with it (the page
// passes `actions`, given the record as read), its history, its transfers and licences.
import { Alert, Descriptions, Space, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';

import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { LicencesTable, TransfersTable } from './Disposals';
import { RightHistory } from './History';
import { PatentState } from './PatentState';
import { PATENT_RECORD, type PatentRecord, TRADEMARK_RECORD, type TrademarkRecord } from './types';

interface Props<R> {
  readonly number: string;
  /** Whether the parties' names are read: staff may, an enterprise may not read another enterprise. */
  readonly parties: boolean;
  readonly actions?: (record: R) => ReactNode;
}

function Sections({ kind, number, record }: { kind: 'PATENT' | 'TRADEMARK'; number: string; record: PatentRecord | TrademarkRecord }) {
  const { t } = useI18n();
  return (
    <>
      <h3 className="section-title">{t('history.title')}</h3>
      <RightHistory kind={kind} number={number} />
      <h3 className="section-title">{t('disposals.transfers')}</h3>
      <TransfersTable number={number} transfers={record.transfers} />
      <h3 className="section-title">{t('disposals.licences')}</h3>
      <LicencesTable number={number} licences={record.licences} />
    </>
  );
}

export function PatentRecordView({ number, parties, actions }: Props<PatentRecord>) {
  const { t } = useI18n();
  const query = useGraphQL<{ patent: PatentRecord | null }>(PATENT_RECORD, { number, parties });
  const p = query.data?.patent;
  return (
    <Space orientation="vertical" className="full-width" data-testid="patent-record" data-number={number}>
      <ErrorAlert error={query.error} />
      {query.isPending && <Spin aria-label={t('common.loading')} />}
      {p === null && <Alert type="warning" showIcon title={t('lifecycle.noSuchPatent', { number })} />}
      {p && (
        <>
          <PatentState p={p} />
          {actions?.(p)}
          <Sections kind="PATENT" number={p.applicationNumber} record={p} />
        </>
      )}
    </Space>
  );
}

export function TrademarkRecordView({ number, parties, actions }: Props<TrademarkRecord>) {
  const { t } = useI18n();
  const query = useGraphQL<{ trademark: TrademarkRecord | null }>(TRADEMARK_RECORD, { number, parties });
  const m = query.data?.trademark;
  return (
    <Space orientation="vertical" className="full-width" data-testid="trademark-record" data-number={number}>
      <ErrorAlert error={query.error} />
      {query.isPending && <Spin aria-label={t('common.loading')} />}
      {m === null && <Alert type="warning" showIcon title={t('lifecycle.noSuchTrademark', { number })} />}
      {m && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'mark', label: t('rights.mark'), children: m.mark },
              { key: 'class', label: t('rights.niceClass'), children: `${m.niceClass} ${m.niceClassName}` },
              {
                key: 'goods',
                label: t('trademark.goods'),
                children: (
                  <Space wrap size={[4, 4]}>
                    {m.goods.map((g) => (
                      <Tag key={g}>{g}</Tag>
                    ))}
                  </Space>
                ),
              },
              { key: 'registered', label: t('rights.registrationDate'), children: m.registrationDate },
              {
                key: 'expiry',
                label: t('rights.expiryDate'),
                children: <span data-testid="trademark-expiry">{m.expiryDate}</span>,
              },
              { key: 'window', label: t('trademark.renewalWindow'), children: `${m.renewalWindow.opens} – ${m.renewalWindow.closes}` },
            ]}
          />
          {actions?.(m)}
          <Sections kind="TRADEMARK" number={m.registrationNumber} record={m} />
        </>
      )}
    </Space>
  );
}
