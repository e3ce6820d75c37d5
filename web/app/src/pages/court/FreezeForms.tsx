// The court's two acts on a right, whichever its kind: a freeze under its order (the order's number
// and date, and what else the kind asks), and lifting its own freeze.
import { Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { afterToday, isoDay, todayValue } from '../../dates';
import { useAction } from '../../hooks/useAction';
import { useI18n } from '../../i18n';

export interface FreezeFields {
  orderNumber: string;
  frozenOn: Dayjs;
  endsOn?: Dayjs;
}

interface FreezeProps {
  readonly freeze: (f: FreezeFields) => Promise<unknown>;
  /** What the freeze's date is for this kind of right. */
  readonly frozenOnHelp?: string;
  /** Fields this kind of right adds. */
  readonly children?: ReactNode;
}

export function FreezeForm({ freeze, frozenOnHelp, children }: FreezeProps) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <Form<FreezeFields>
      layout="vertical"
      className="narrow-form"
      initialValues={{ frozenOn: todayValue() }}
      data-testid="freeze-form"
      onFinish={(f) => void action.run(() => freeze({ ...f, orderNumber: f.orderNumber.trim() }))}
    >
      <Form.Item
        name="orderNumber"
        label={t('freezes.orderNumber')}
        extra={t('freezes.orderNumberHelp')}
        rules={[{ required: true, whitespace: true, message: t('freezes.orderNumberRequired') }]}
      >
        <Input maxLength={100} data-testid="freeze-order" />
      </Form.Item>
      <Form.Item name="frozenOn" label={t('freezes.frozenOn')} extra={frozenOnHelp} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
        <DatePicker className="full-width" disabledDate={afterToday} />
      </Form.Item>
      {children}
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

export function UnfreezeForm({ unfreeze }: { unfreeze: (unfrozenOn: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <Form<{ unfrozenOn: Dayjs }>
      layout="vertical"
      className="narrow-form"
      initialValues={{ unfrozenOn: todayValue() }}
      data-testid="unfreeze-form"
      onFinish={(f) => void action.run(() => unfreeze(isoDay(f.unfrozenOn)))}
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
