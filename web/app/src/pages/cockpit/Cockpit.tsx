// The government side's cockpit (驾驶舱): the province's enterprises and patents, deposits,
// pre-examination cycle times against the 7-day line, pledge amounts, protection cases and the
// deadlines falling due, from the hubs' statistics queries (counts kept as data is written).
import { Button, Card, Col, Row, Space, Statistic } from 'antd';
import { useMemo } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { Chart, type ChartOption } from './Chart';
import * as panels from './panels';

const COCKPIT = `query Cockpit {
  enterpriseStatistics { totalEnterprises totalPatents byRegion { regionCode region { province city county } enterprises patents } byIndustry { industry enterprises patents } }
  evidenceStatistics { total depositsByMonth(months: 12) { month count } }
  preExamStatistics { overall { decided averageDays p90Days shareWithin7Days } byMonth { key cycleTime { decided averageDays p90Days shareWithin7Days } } }
  pledgeStatistics { byBankAndMonth(months: 12) { bank month count amount } }
  protectionStatistics { byRouteAndState { route state count } }
  warningStatistics(months: 12) { annualFeesOverdue annualFeesByMonth { month count } expiriesByMonth { month count } }
}`;

const PANELS: { name: string; title: MessageKey; option: (d: panels.CockpitData, text: panels.PanelText) => ChartOption; wide?: boolean }[] = [
  { name: 'by-region', title: 'cockpit.byRegion', option: panels.byRegion },
  { name: 'by-industry', title: 'cockpit.byIndustry', option: panels.byIndustry },
  { name: 'deposits', title: 'cockpit.deposits', option: panels.depositsByMonth },
  { name: 'cycle-times', title: 'cockpit.cycleTimes', option: panels.cycleTimes },
  { name: 'pledges', title: 'cockpit.pledges', option: panels.pledgeAmounts },
  { name: 'protection', title: 'cockpit.protection', option: panels.protectionCases },
  { name: 'warnings', title: 'cockpit.warnings', option: panels.warnings, wide: true },
];

export default function Cockpit() {
  const { t, label, lang } = useI18n();
  const query = useGraphQL<panels.CockpitData>(COCKPIT);
  const data = query.data;
  const text = useMemo<panels.PanelText>(
    () => ({
      enterprises: t('cockpit.enterprises'),
      patents: t('cockpit.patents'),
      deposits: t('cockpit.depositsSeries'),
      averageDays: t('cockpit.averageDays'),
      p90Days: t('cockpit.p90Days'),
      sevenDayLine: t('cockpit.sevenDayLine'),
      tenThousandYuan: t('cockpit.tenThousandYuan'),
      annualFees: t('cockpit.annualFees'),
      expiries: t('cockpit.expiries'),
      label,
    }),
    [t, label],
  );
  const options = useMemo(() => (data === undefined ? [] : PANELS.map((p) => ({ ...p, built: p.option(data, text) }))), [data, text]);
  const share = data?.preExamStatistics.overall.shareWithin7Days;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('cockpit.title')} intro={t('cockpit.intro')} extra={<Button onClick={() => void query.refetch()}>{t('common.reload')}</Button>} />
      <ErrorAlert error={query.error} />
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title={t('cockpit.enterprises')} value={data.enterpriseStatistics.totalEnterprises} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title={t('cockpit.patents')} value={data.enterpriseStatistics.totalPatents} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title={t('cockpit.depositsTotal')} value={data.evidenceStatistics.total} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic
                title={t('cockpit.within7Days')}
                value={
                  share === null || share === undefined ? '—' : (share * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 })
                }
                suffix={share === null || share === undefined ? undefined : '%'}
              />
            </Card>
          </Col>
          {options.map((p) => (
            <Col key={p.name} xs={24} xl={p.wide ? 24 : 12}>
              <Card size="small" title={<h2 className="card-title">{t(p.title)}</h2>}>
                <Chart name={p.name} label={t(p.title)} option={p.built} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
