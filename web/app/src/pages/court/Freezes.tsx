// A court's preservation of patents (财产保全): find a patent or application by its number, see
// where it stands, freeze it under the court's order, and lift a freeze this court made. A frozen
// patent is not transferred, licensed or pledged.
import { Alert, Button, Card, DatePicker, Form, Input, Space, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { RightHistory } from '../../components/rights/History';
import { PatentState } from '../../components/rights/PatentState';
import { PATENT_LIFECYCLE_FIELDS, type PatentLifecycle } from '../../components/rights/types';
import { afterToday, isoDay, todayValue } from '../../dates';
import { useAction } from '../../hooks/useAction';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';

const PATENT = `query CourtPatent($number: String!) { patent(applicationNumber: $number) { ${PATENT_LIFECYCLE_FIELDS} } }`;
const FREEZE = `mutation Freeze($input: FreezePatentInput!) { patentFreeze(input: $input) { patent { applicationNumber freeze { court orderNumber frozenOn } } ${USER_ERRORS} } }`;
const UNFREEZE = `mutation Unfreeze($input: UnfreezePatentInput!) { patentUnfreeze(input: $input) { patent { applicationNumber freeze { court } } ${USER_ERRORS} } }`;

function FreezeForm({ p }: { p: PatentLifecycle }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ orderNumber: string; frozenOn: Dayjs }>();
  const action = useAction();
  return (
    <Form
      form={form}
      layout="vertical"
      className="narrow-form"
      initialValues={{ frozenOn: todayValue() }}
      data-testid="freeze-form"
      onFinish={(f) =>
        void action.run(() =>
          mutate(FREEZE, { input: { applicationNumber: p.applicationNumber, orderNumber: f.orderNumber.trim(), frozenOn: isoDay(f.frozenOn) } }),
        )
      }
    >
      <Form.Item
        name="orderNumber"
        label={t('freezes.orderNumber')}
        extra={t('freezes.orderNumberHelp')}
        rules={[{ required: true, whitespace: true, message: t('freezes.orderNumberRequired') }]}
      >
        <Input maxLength={100} data-testid="freeze-order" />
      </Form.Item>
      <Form.Item name="frozenOn" label={t('freezes.frozenOn')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
        <DatePicker className="full-width" disabledDate={afterToday} />
      </Form.Item>
      {action.error !== undefined && (
        <Form.Item>
          <ErrorAlert error={action.error} />
        </Form.Item>
      )}
      <Button type="primary" danger htmlType="submit" loading={action.busy} data-testid="freeze-submit">
        {t('freezes.freeze')}
      </Button>
    </Form>
  );
}

function UnfreezeForm({ p }: { p: PatentLifecycle }) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <Form<{ unfrozenOn: Dayjs }>
      layout="vertical"
      className="narrow-form"
      initialValues={{ unfrozenOn: todayValue() }}
      data-testid="unfreeze-form"
      onFinish={(f) => void action.run(() => mutate(UNFREEZE, { input: { applicationNumber: p.applicationNumber, unfrozenOn: isoDay(f.unfrozenOn) } }))}
    >
      <Form.Item name="unfrozenOn" label={t('freezes.unfrozenOn')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
        <DatePicker className="full-width" disabledDate={afterToday} />
      </Form.Item>
      {action.error !== undefined && (
        <Form.Item>
          <ErrorAlert error={action.error} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={action.busy} data-testid="unfreeze-submit">
        {t('freezes.unfreeze')}
      </Button>
    </Form>
  );
}

function Found({ number }: { number: string }) {
  const { t } = useI18n();
  const { organization } = useAccount();
  const query = useGraphQL<{ patent: PatentLifecycle | null }>(PATENT, { number });
  const p = query.data?.patent;
  if (query.isPending) return <Spin aria-label={t('common.loading')} />;
  if (p === undefined) return <ErrorAlert error={query.error} />;
  if (p === null) return <Alert type="warning" showIcon title={t('lifecycle.noSuchPatent', { number })} />;
  const freezable = p.status === 'PENDING' || p.status === 'GRANTED';
  return (
    <Space orientation="vertical" className="full-width" data-testid="freeze-patent" data-number={p.applicationNumber}>
      <ErrorAlert error={query.error} />
      <PatentState p={p} />
      <Card size="small" title={<h2 className="card-title">{p.freeze === null ? t('freezes.freezeHeading') : t('freezes.unfreezeHeading')}</h2>}>
        {p.freeze === null && freezable && <FreezeForm p={p} />}
        {p.freeze === null && !freezable && <Alert type="info" showIcon title={t('freezes.notFreezable')} />}
        {p.freeze !== null && p.freeze.court === organization && <UnfreezeForm p={p} />}
        {p.freeze !== null && p.freeze.court !== organization && <Alert type="info" showIcon title={t('freezes.otherCourt', { court: p.freeze.court })} />}
      </Card>
      <h2 className="card-title">{t('history.title')}</h2>
      <RightHistory kind="PATENT" number={p.applicationNumber} />
    </Space>
  );
}

export default function Freezes() {
  const { t } = useI18n();
  const { organization } = useAccount();
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<string>();
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('freezes.title')} intro={t('freezes.intro', { court: organization ?? '' })} />
      <Space.Compact className="narrow-form full-width">
        <Input
          aria-label={t('rights.applicationNumber')}
          placeholder={t('registry.applicationNumberHelp')}
          className="mono"
          value={number}
          maxLength={32}
          onChange={(e) => setNumber(e.target.value)}
          onPressEnter={() => number.trim() && setFound(number.trim())}
          data-testid="freeze-number"
        />
        <Button disabled={number.trim() === ''} onClick={() => setFound(number.trim())} data-testid="freeze-find">
          {t('pledges.find')}
        </Button>
      </Space.Compact>
      {found !== undefined && <Found key={found} number={found} />}
    </Space>
  );
}
