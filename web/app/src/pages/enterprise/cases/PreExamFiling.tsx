// Filing a patent application for pre-examination (专利预审) as this enterprise.
import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Form, Input } from 'antd';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useI18n } from '../../../i18n';
import type { Own } from './own';

const FILE = `mutation FilePreExamination($input: FilePreExaminationInput!) { preExamCaseFile(input: $input) { case { id applicationNumber state } ${USER_ERRORS} } }`;

interface Fields {
  applicationNumber: string;
  title: string;
  industry: string;
}

export function PreExamFiling({ own, onFiled }: { own: Own; onFiled: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  // Its own pending applications are the likely ones; any other number may be typed.
  const pending = own.patents.filter((p) => p.status === 'PENDING');

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const filed = await mutate<{ applicationNumber: string }>(FILE, {
        input: {
          enterpriseId: own.id,
          applicationNumber: fields.applicationNumber.trim(),
          title: fields.title.trim(),
          industry: fields.industry.trim(),
          idempotencyKey,
        },
      });
      void message.success(t('cases.filed', { number: filed.applicationNumber }));
      renewKey();
      form.resetFields();
      await queries.invalidateQueries();
      onFiled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Fields>
      form={form}
      layout="vertical"
      className="narrow-form"
      initialValues={{ industry: own.industry }}
      onFinish={(v) => void submit(v)}
      data-testid="preexam-filing"
    >
      <Form.Item
        name="applicationNumber"
        label={t('cases.applicationNumber')}
        extra={t('cases.applicationNumberHelp')}
        rules={[{ required: true, whitespace: true, message: t('cases.applicationNumberRequired') }]}
      >
        <AutoComplete
          data-testid="preexam-number"
          options={pending.map((p) => ({ value: p.applicationNumber, label: `${p.applicationNumber} ${p.title}` }))}
          onSelect={(value: string) => {
            const chosen = pending.find((p) => p.applicationNumber === value);
            if (chosen && !form.getFieldValue('title')) form.setFieldsValue({ title: chosen.title });
          }}
        />
      </Form.Item>
      <Form.Item name="title" label={t('cases.inventionTitle')} rules={[{ required: true, whitespace: true, message: t('cases.titleRequired') }]}>
        <Input data-testid="preexam-title" maxLength={500} />
      </Form.Item>
      <Form.Item name="industry" label={t('cases.industry')} rules={[{ required: true, whitespace: true, message: t('cases.industryRequired') }]}>
        <Input data-testid="preexam-industry" maxLength={100} />
      </Form.Item>
      <Form.Item>
        <ErrorAlert error={error} />
      </Form.Item>
      <Button data-testid="preexam-submit" type="primary" htmlType="submit" loading={busy}>
        {t('cases.fileSubmit')}
      </Button>
    </Form>
  );
}
