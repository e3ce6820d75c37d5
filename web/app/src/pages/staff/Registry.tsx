// The enterprise registry, for centre staff: enterprises a page at a time, filtered by region
// and industry; registering an enterprise (with the credit-code override when the hub allows
// one) and registering a patent, trademark or copyright for a chosen enterprise. A patent or
// trademark, found by its number or among an enterprise's rights, opens its record: its state,
// the operations its state allows, its history, transfers and licences.
import { Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { dateTime } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { CopyrightForm } from './registry/CopyrightForm';
import { EnterpriseForm } from './registry/EnterpriseForm';
import { EnterpriseRights } from './registry/EnterpriseRights';
import { type Chosen, PatentForm } from './registry/PatentForm';
import { type OpenRight, RightDrawer } from './registry/RightDrawer';
import { TrademarkForm } from './registry/TrademarkForm';

const ENTERPRISES = `query Registry($first: Int, $after: String, $regionCode: String, $industry: String) {
  enterprises(first: $first, after: $after, regionCode: $regionCode, industry: $industry) {
    edges { node { id uscc name regionCode region { province city county } industry filingStatus registeredAt creditCodeOverride { approvedBy reason } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Enterprise {
  readonly id: string;
  readonly uscc: string;
  readonly name: string;
  readonly regionCode: string;
  readonly region: { readonly province: string; readonly city: string | null; readonly county: string | null } | null;
  readonly industry: string;
  readonly filingStatus: string;
  readonly registeredAt: string;
  readonly creditCodeOverride: { readonly approvedBy: string; readonly reason: string } | null;
}

interface Answer {
  enterprises: { edges: { node: Enterprise }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

interface Filters {
  regionCode?: string;
  industry?: string;
}

function Details({ e }: { e: Enterprise }) {
  const { t, lang } = useI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'id',
          label: t('registry.id'),
          children: (
            <Typography.Text className="mono" copyable>
              {e.id}
            </Typography.Text>
          ),
        },
        { key: 'registered', label: t('registry.registeredAt'), children: dateTime(e.registeredAt, lang) },
        ...(e.creditCodeOverride === null
          ? []
          : [
              { key: 'reason', label: t('registry.overrideReason'), children: e.creditCodeOverride.reason },
              { key: 'by', label: t('registry.approvedBy'), children: e.creditCodeOverride.approvedBy },
            ]),
      ]}
    />
  );
}

export default function Registry() {
  const { t, label } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [registering, setRegistering] = useState(false);
  const [patentFor, setPatentFor] = useState<Chosen>();
  const [trademarkFor, setTrademarkFor] = useState<Chosen>();
  const [copyrightFor, setCopyrightFor] = useState<Chosen>();
  const [right, setRight] = useState<OpenRight>();
  const [number, setNumber] = useState('');
  const pages = usePages<Answer, Enterprise>(ENTERPRISES, filters as Record<string, unknown>, (d) => d.enterprises);

  const search = (f: Filters) => {
    const next: Filters = {};
    if (f.regionCode?.trim()) next.regionCode = f.regionCode.trim();
    if (f.industry?.trim()) next.industry = f.industry.trim();
    setFilters(next);
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('registry.title')}
        intro={t('registry.intro')}
        extra={
          <Button data-testid="enterprise-new" type="primary" onClick={() => setRegistering(true)}>
            {t('registry.registerEnterprise')}
          </Button>
        }
      />
      <Card size="small" title={<h2 className="card-title">{t('lifecycle.find')}</h2>}>
        <Space wrap className="full-width">
          <Input
            aria-label={t('lifecycle.findNumber')}
            placeholder={t('lifecycle.findNumber')}
            className="mono find-input"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            data-testid="registry-right-number"
            maxLength={32}
          />
          <Button data-testid="registry-find-patent" disabled={number.trim() === ''} onClick={() => setRight({ kind: 'PATENT', number: number.trim() })}>
            {t('lifecycle.findPatent')}
          </Button>
          <Button data-testid="registry-find-trademark" disabled={number.trim() === ''} onClick={() => setRight({ kind: 'TRADEMARK', number: number.trim() })}>
            {t('lifecycle.findTrademark')}
          </Button>
        </Space>
      </Card>
      <Form<Filters> layout="inline" onFinish={search} className="filters">
        <Form.Item name="regionCode" label={t('registry.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('registry.regionFormat') }]}>
          <Input data-testid="registry-region" maxLength={6} inputMode="numeric" allowClear />
        </Form.Item>
        <Form.Item name="industry" label={t('registry.industry')}>
          <Input data-testid="registry-industry" maxLength={100} allowClear />
        </Form.Item>
        <Button data-testid="registry-search" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <ErrorAlert error={pages.error} />
      <PagedTable<Enterprise>
        pages={pages}
        minWidth={1100}
        label={t('nav.registry')}
        locale={{ emptyText: t('registry.none') }}
        onRow={(e) => ({ 'data-testid': 'registry-row', 'data-id': e.id, 'data-uscc': e.uscc }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" className="full-width">
              <Details e={e} />
              <EnterpriseRights id={e.id} onOpen={setRight} />
            </Space>
          ),
        }}
        columns={[
          { title: t('registry.name'), dataIndex: 'name' },
          {
            title: t('registry.uscc'),
            width: 230,
            render: (_, e) => (
              <>
                <span className="mono">{e.uscc}</span>
                {e.creditCodeOverride && <Tag className="tag-after">{t('registry.overridden')}</Tag>}
              </>
            ),
          },
          {
            title: t('registry.regionCode'),
            width: 200,
            render: (_, e) =>
              e.region === null
                ? e.regionCode
                : `${[e.region.province, e.region.city, e.region.county].filter((n, i, all) => n !== null && n !== all[i - 1]).join(' ')}（${e.regionCode}）`,
          },
          { title: t('registry.industry'), dataIndex: 'industry', width: 160 },
          { title: t('registry.filingStatus'), width: 100, render: (_, e) => <Tag>{label('FilingStatus', e.filingStatus)}</Tag> },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, e) => (
              <Space orientation="vertical" size={4}>
                <Button size="small" data-testid="patent-new" onClick={() => setPatentFor({ id: e.id, name: e.name })}>
                  {t('registry.registerPatent')}
                </Button>
                <Button size="small" data-testid="trademark-new" onClick={() => setTrademarkFor({ id: e.id, name: e.name })}>
                  {t('trademark.register')}
                </Button>
                <Button size="small" data-testid="copyright-new" onClick={() => setCopyrightFor({ id: e.id, name: e.name })}>
                  {t('copyright.register')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <EnterpriseForm open={registering} onClose={() => setRegistering(false)} />
      <PatentForm enterprise={patentFor} onClose={() => setPatentFor(undefined)} />
      <TrademarkForm
        enterprise={trademarkFor}
        onClose={() => setTrademarkFor(undefined)}
        onRegistered={(registered) => setRight({ kind: 'TRADEMARK', number: registered })}
      />
      <CopyrightForm enterprise={copyrightFor} onClose={() => setCopyrightFor(undefined)} />
      <RightDrawer right={right} onClose={() => setRight(undefined)} />
    </Space>
  );
}
