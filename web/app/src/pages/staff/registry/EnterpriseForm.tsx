// Registering an enterprise. When the hub refuses its credit code only for the check character
// (codes issued before the standard exist), the form says why and offers to register it anyway
// with a reason, which the hub keeps with the enterprise.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';

import { HubError, mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';

const REGISTER = `mutation RegisterEnterprise($input: RegisterEnterpriseInput!) { enterpriseRegister(input: $input) { enterprise { id name uscc creditCodeOverride { reason } } ${USER_ERRORS} } }`;

interface Fields {
  uscc: string;
  name: string;
  regionCode: string;
  industry: string;
  reason?: string;
}

export function EnterpriseForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // The code the hub refused for its check character alone: the override is offered for it only.
  const [overridable, setOverridable] = useState<string>();
  const uscc: string | undefined = Form.useWatch('uscc', form);
  const overriding = overridable !== undefined && overridable === uscc?.trim().toUpperCase();

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    const code = fields.uscc.trim().toUpperCase();
    try {
      await mutate(REGISTER, {
        input: {
          uscc: code,
          name: fields.name.trim(),
          regionCode: fields.regionCode.trim(),
          industry: fields.industry.trim(),
          ...(overriding ? { creditCodeOverride: { reason: (fields.reason ?? '').trim() } } : {}),
        },
      });
      void message.success(t('registry.registered', { name: fields.name.trim() }));
      await queries.invalidateQueries();
      close();
    } catch (err) {
      setError(err);
      // The hub says whether an override may stand (only the check character is wrong).
      if (err instanceof HubError && err.code === 'INVALID_CREDIT_CODE' && err.extensions.overridable === true) setOverridable(code);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    form.resetFields();
    setError(undefined);
    setOverridable(undefined);
    onClose();
  };

  return (
    <Modal open={open} title={t('registry.registerEnterprise')} footer={null} onCancel={close} forceRender>
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="enterprise-form">
        <Form.Item
          name="uscc"
          label={t('registry.uscc')}
          extra={t('registry.usccHelp')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: t('registry.usccRequired') },
            { len: 18, message: t('registry.usccLength') },
          ]}
        >
          <Input
            data-testid="enterprise-uscc"
            className="mono"
            maxLength={18}
            autoComplete="off"
            spellCheck={false}
            onBlur={(e) => {
              const region = e.target.value.trim().slice(2, 8);
              if (/^\d{6}$/.test(region) && !form.getFieldValue('regionCode')) form.setFieldsValue({ regionCode: region });
            }}
          />
        </Form.Item>
        <Form.Item name="name" label={t('registry.name')} rules={[{ required: true, whitespace: true, message: t('registry.nameRequired') }]}>
          <Input data-testid="enterprise-name" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('registry.regionCode')}
          extra={t('registry.regionHelp')}
          rules={[
            { required: true, message: t('registry.regionRequired') },
            { pattern: /^\d{6}$/, message: t('registry.regionFormat') },
          ]}
        >
          <Input data-testid="enterprise-region" maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="industry" label={t('registry.industry')} rules={[{ required: true, whitespace: true, message: t('registry.industryRequired') }]}>
          <Input data-testid="enterprise-industry" maxLength={100} />
        </Form.Item>
        {error !== undefined && !overriding && (
          <Form.Item>
            <ErrorAlert error={error} />
          </Form.Item>
        )}
        {overriding && (
          <Space orientation="vertical" className="full-width" data-testid="uscc-override">
            <Alert
              type="warning"
              showIcon
              title={t('registry.overrideTitle')}
              description={
                <>
                  <p>{t('registry.overrideExplain')}</p>
                  {error instanceof Error && <p className="hub-words">{error.message}</p>}
                </>
              }
            />
            <Form.Item
              name="reason"
              label={t('registry.overrideReason')}
              rules={[{ required: true, whitespace: true, message: t('registry.overrideReasonRequired') }]}
            >
              <Input.TextArea data-testid="uscc-override-reason" maxLength={500} rows={3} showCount />
            </Form.Item>
          </Space>
        )}
        <Space wrap>
          <Button data-testid={overriding ? 'uscc-override-submit' : 'enterprise-submit'} type="primary" htmlType="submit" loading={busy}>
            {overriding ? t('registry.registerAnyway') : t('registry.submit')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
