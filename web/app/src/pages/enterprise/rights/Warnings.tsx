// The enterprise's deadlines: annual fees due soon or in their grace period, and patents and
// trademarks whose term ends soon, nearest first.
import { Card, Col, Row, Table, Tag, Typography } from 'antd';

import { ScrollRegion } from '../../../components/ScrollRegion';
import { useI18n } from '../../../i18n';
import type { ExpiryWarning, FeeWarning, Warnings as Connection } from './types';
import { DaysLeftTag, FeeTag } from './urgency';

const PAGE = { pageSize: 5, hideOnSinglePage: true, showSizeChanger: false } as const;

export function Warnings({ fees, expiries }: { fees: Connection<FeeWarning>; expiries: Connection<ExpiryWarning> }) {
  const { t, label } = useI18n();
  const feeRows = fees.edges.map((e) => e.node);
  const expiryRows = expiries.edges.map((e) => e.node);
  const more = (shown: number, total: number) =>
    total > shown ? <Typography.Text type="secondary">{t('rights.firstOf', { shown, total })}</Typography.Text> : null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={12}>
        <Card size="small" title={<h2 className="card-title">{t('rights.feeWarnings', { n: fees.totalCount })}</h2>} data-testid="fee-warnings">
          <ScrollRegion label={t('rights.feeWarnings', { n: fees.totalCount })} minWidth={560}>
            <Table<FeeWarning>
              rowKey={(w) => w.patent.applicationNumber}
              size="small"
              dataSource={feeRows}
              pagination={PAGE}
              locale={{ emptyText: t('rights.noFeeWarnings') }}
              columns={[
                {
                  title: t('rights.patent'),
                  render: (_, w) => (
                    <>
                      <span className="mono">{w.patent.applicationNumber}</span>
                      <br />
                      {w.patent.title}
                    </>
                  ),
                },
                { title: t('rights.dueDate'), dataIndex: 'dueDate', width: 110 },
                {
                  title: t('rights.feeState'),
                  width: 220,
                  render: (_, w) => (
                    <FeeTag brief fee={{ state: w.state, nextDueDate: w.dueDate, graceEndsOn: w.graceEndsOn, surchargePercent: w.surchargePercent }} />
                  ),
                },
              ]}
            />
          </ScrollRegion>
          {more(feeRows.length, fees.totalCount)}
        </Card>
      </Col>
      <Col xs={24} xxl={12}>
        <Card size="small" title={<h2 className="card-title">{t('rights.expiryWarnings', { n: expiries.totalCount })}</h2>} data-testid="expiry-warnings">
          <ScrollRegion label={t('rights.expiryWarnings', { n: expiries.totalCount })} minWidth={560}>
            <Table<ExpiryWarning>
              rowKey={(w) => `${w.right}-${w.number}`}
              size="small"
              dataSource={expiryRows}
              pagination={PAGE}
              locale={{ emptyText: t('rights.noExpiryWarnings') }}
              columns={[
                { title: t('rights.kind'), width: 80, render: (_, w) => <Tag>{label('RightKind', w.right)}</Tag> },
                {
                  title: t('rights.right'),
                  render: (_, w) => (
                    <>
                      <span className="mono">{w.number}</span>
                      <br />
                      {w.title}
                    </>
                  ),
                },
                { title: t('rights.expiresOn'), dataIndex: 'expiresOn', width: 110 },
                { title: t('rights.remaining'), width: 110, render: (_, w) => <DaysLeftTag date={w.expiresOn} /> },
              ]}
            />
          </ScrollRegion>
          {more(expiryRows.length, expiries.totalCount)}
        </Card>
      </Col>
    </Row>
  );
}
