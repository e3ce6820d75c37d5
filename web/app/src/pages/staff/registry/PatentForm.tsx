// Registering a patent for the chosen enterprise: its application number (checked by the hub,
// with the check digit it would need), title, filing date, and optionally its IPC class, status,
// grant date and the last annual fee paid.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';

const REGISTER = `mutation RegisterPatent($input: RegisterPatentInput!) { patentRegister(input: $input) { patent { applicationNumber title status } ${USER_ERRORS} } }`;

const STATUSES = ['PENDING', 'GRANTED', 'LAPSED', 'EXPIRED', 'INVALIDATED', 'REJECTED', 'WITHDRAWN'] as const;

/** What antd's DatePicker gives (a dayjs), as far as this form uses it. */
interface Day {
  format(template: string): string;
}

interface Fields {
  applicationNumber: string;
  title: string;
  filingDate: Day;
  ipcClass?: string;
  status: string;
  grantDate?: Day | null;
  feesPaidThrough?: Day | null;
}

export interface Chosen {
  readonly id: string;
  readonly name: string;
}

const day = (d: Day | null | undefined): string | undefined => d?.format('YYYY-MM-DD');

export function PatentForm({ enterprise, onClose }: { enterprise: Chosen | undefined; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const status: string | undefined = Form.useWatch('status', form);

  const close = () => {
    form.resetFields();
    setError(undefined);
    onClose();
  };

  const submit = async (fields: Fields) => {
    if (enterprise === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const registered = await mutate<{ applicationNumber: string }>(REGISTER, {
        input: {
          enterpriseId: enterprise.id,
          applicationNumber: fields.applicationNumber.trim(),
          title: fields.title.trim(),
          filingDate: day(fields.filingDate),
          ipcClass: fields.ipcClass?.trim() || undefined,
          status: fields.status,
          grantDate: day(fields.grantDate),
          feesPaidThrough: day(fields.feesPaidThrough),
        },
      });
      void message.success(t('registry.patentRegistered', { number: registered.applicationNumber }));
      await queries.invalidateQueries();
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={enterprise !== undefined} title={t('registry.registerPatent')} footer={null} onCancel={close} forceRender>
      <Typography.Paragraph>{t('registry.patentFor', { name: enterprise?.name ?? '' })}</Typography.Paragraph>
      <Form<Fields> form={form} layout="vertical" initialValues={{ status: 'PENDING' }} onFinish={(v) => void submit(v)} data-testid="patent-form">
        <Form.Item
          name="applicationNumber"
          label={t('registry.applicationNumber')}
          extra={t('registry.applicationNumberHelp')}
          rules={[{ required: true, whitespace: true, message: t('registry.applicationNumberRequired') }]}
        >
          <Input data-testid="patent-number" className="mono" maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t('registry.patentTitle')} rules={[{ required: true, whitespace: true, message: t('registry.patentTitleRequired') }]}>
          <Input data-testid="patent-title" maxLength={500} />
        </Form.Item>
        <Form.Item name="filingDate" label={t('registry.filingDate')} rules={[{ required: true, message: t('registry.filingDateRequired') }]}>
          <DatePicker data-testid="patent-filing-date" className="full-width" />
        </Form.Item>
        <Form.Item name="ipcClass" label={t('registry.ipcClass')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="status" label={t('registry.patentStatus')}>
          <Select options={STATUSES.map((s) => ({ value: s, label: label('PatentStatus', s) }))} />
        </Form.Item>
        {status !== 'PENDING' && (
          <Form.Item name="grantDate" label={t('registry.grantDate')}>
            <DatePicker className="full-width" />
          </Form.Item>
        )}
        <Form.Item name="feesPaidThrough" label={t('registry.feesPaidThrough')} extra={t('registry.feesPaidThroughHelp')}>
          <DatePicker className="full-width" />
        </Form.Item>
        {error !== undefined && (
          <Form.Item>
            <ErrorAlert error={error} />
          </Form.Item>
        )}
        <Space wrap>
          <Button data-testid="patent-submit" type="primary" htmlType="submit" loading={busy}>
            {t('registry.submitPatent')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
