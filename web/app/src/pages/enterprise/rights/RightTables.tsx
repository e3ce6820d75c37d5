// The enterprise's patents, trademarks and copyrights, each a table paged here in the browser. A
// patent's or trademark's number opens its record: where it stands, its history, transfers and
// licences (Rights.tsx shows it in a drawer).
import { Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { OpenButton, type OpenRight } from '../../../components/rights/RecordDrawer';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useI18n } from '../../../i18n';
import type { Copyright, Patent, Trademark } from './types';
import { DaysLeftTag, daysUntil, FeeTag } from './urgency';

const PAGE = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;
// A trademark's renewal is worth a warning within this many days of its expiry.
const RENEWAL_WINDOW = 180;

export function PatentTable({ patents, onOpen }: { patents: readonly Patent[]; onOpen: (r: OpenRight) => void }) {
  const { t, label } = useI18n();
  return (
    <ScrollRegion label={t('rights.patents', { n: patents.length })} minWidth={1000}>
      <Table<Patent>
        rowKey="applicationNumber"
        size="small"
        dataSource={[...patents]}
        pagination={PAGE}
        locale={{ emptyText: t('rights.noPatents') }}
        onRow={(p) => ({ 'data-testid': 'patent-row', 'data-number': p.applicationNumber }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('rights.applicationNumber'),
            dataIndex: 'applicationNumber',
            width: 150,
            render: (v: string) => <OpenButton kind="PATENT" number={v} onOpen={onOpen} />,
          },
          { title: t('rights.title'), dataIndex: 'title' },
          {
            title: t('rights.type'),
            width: 120,
            render: (_, p) => (
              <>
                {label('PatentType', p.type)}
                {p.pct && <Tag className="tag-after">PCT</Tag>}
              </>
            ),
          },
          { title: t('rights.status'), width: 90, render: (_, p) => <Tag>{label('PatentStatus', p.status)}</Tag> },
          { title: t('rights.filingDate'), dataIndex: 'filingDate', width: 110 },
          { title: t('rights.protectionEndsOn'), dataIndex: 'protectionEndsOn', width: 110 },
          { title: t('rights.annualFee'), width: 240, render: (_, p) => <FeeTag fee={p.annualFee} /> },
        ]}
      />
    </ScrollRegion>
  );
}

export function TrademarkTable({ trademarks, onOpen }: { trademarks: readonly Trademark[]; onOpen: (r: OpenRight) => void }) {
  const { t } = useI18n();
  return (
    <ScrollRegion label={t('rights.trademarks', { n: trademarks.length })} minWidth={640}>
      <Table<Trademark>
        rowKey="registrationNumber"
        size="small"
        dataSource={[...trademarks]}
        pagination={PAGE}
        locale={{ emptyText: t('rights.noTrademarks') }}
        onRow={(m) => ({ 'data-testid': 'trademark-row', 'data-number': m.registrationNumber }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('rights.registrationNumber'),
            dataIndex: 'registrationNumber',
            width: 130,
            render: (v: string) => <OpenButton kind="TRADEMARK" number={v} onOpen={onOpen} />,
          },
          { title: t('rights.mark'), dataIndex: 'mark' },
          { title: t('rights.niceClass'), dataIndex: 'niceClass', width: 90 },
          { title: t('rights.registrationDate'), dataIndex: 'registrationDate', width: 110 },
          {
            title: t('rights.expiryDate'),
            width: 200,
            render: (_, m) => (
              <>
                {m.expiryDate} {daysUntil(m.expiryDate) <= RENEWAL_WINDOW && <DaysLeftTag date={m.expiryDate} />}
              </>
            ),
          },
        ]}
      />
    </ScrollRegion>
  );
}

export function CopyrightTable({ copyrights }: { copyrights: readonly Copyright[] }) {
  const { t, label } = useI18n();
  return (
    <ScrollRegion label={t('rights.copyrights', { n: copyrights.length })} minWidth={560}>
      <Table<Copyright>
        rowKey="registrationNumber"
        size="small"
        dataSource={[...copyrights]}
        pagination={PAGE}
        locale={{ emptyText: t('rights.noCopyrights') }}
        columns={[
          { title: t('rights.registrationNumber'), dataIndex: 'registrationNumber', width: 150, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('rights.title'), dataIndex: 'title' },
          { title: t('rights.copyrightKind'), width: 110, render: (_, c) => label('CopyrightKind', c.kind) },
          { title: t('rights.registeredOn'), dataIndex: 'registeredOn', width: 110 },
        ]}
      />
    </ScrollRegion>
  );
}
