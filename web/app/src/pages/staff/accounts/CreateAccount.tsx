// Creating a person's account: a username and a role, bound to an enterprise (found by its credit
// code) for ENTERPRISE, to an organization for BANK, GUARANTOR, INSURER and COURT. The hub generates the
// password and answers it this once.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';

import { type Account, auth, graphql, type Role } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';

const ROLES: readonly Role[] = ['ENTERPRISE', 'CENTER_STAFF', 'BANK', 'GUARANTOR', 'INSURER', 'COURT'];
const ORGANIZATION_ROLES: readonly Role[] = ['BANK', 'GUARANTOR', 'INSURER', 'COURT'];

const BY_CREDIT_CODE = `query AccountEnterprise($uscc: String!) { enterpriseByCreditCode(uscc: $uscc) { id name } }`;

interface Fields {
  username: string;
  role: Role;
  uscc?: string;
  enterpriseId?: string;
  organization?: string;
}

export interface Created {
  readonly account: Account;
  readonly password: string;
}

/** The enterprise an ENTERPRISE account is bound to, found by its credit code. */
function EnterpriseLookup({ onFound }: { onFound: (id: string | undefined) => void }) {
  const { t } = useI18n();
  const [found, setFound] = useState<{ id: string; name: string } | null>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const look = async (uscc: string) => {
    if (!uscc.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const { enterpriseByCreditCode } = await graphql<{ enterpriseByCreditCode: { id: string; name: string } | null }>(BY_CREDIT_CODE, {
        uscc: uscc.trim().toUpperCase(),
      });
      setFound(enterpriseByCreditCode);
      onFound(enterpriseByCreditCode?.id);
    } catch (err) {
      setError(err);
      onFound(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" className="full-width">
      <Input.Search
        data-testid="account-uscc"
        aria-label={t('accounts.enterpriseUscc')}
        className="mono"
        maxLength={18}
        enterButton={t('accounts.find')}
        loading={busy}
        onChange={() => {
          setFound(undefined);
          onFound(undefined);
        }}
        onSearch={(v) => void look(v)}
      />
      <ErrorAlert error={error} />
      {found === null && <Alert type="warning" showIcon title={t('accounts.noSuchEnterprise')} />}
      {found && (
        <Typography.Text data-testid="account-enterprise">
          {found.name} <span className="mono">({found.id})</span>
        </Typography.Text>
      )}
    </Space>
  );
}

export function CreateAccount({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (created: Created) => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const role: Role | undefined = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const close = () => {
    form.resetFields();
    setError(undefined);
    onClose();
  };

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await auth<Created>('accounts', {
        username: fields.username.trim(),
        role: fields.role,
        ...(fields.role === 'ENTERPRISE' ? { enterpriseId: fields.enterpriseId } : {}),
        ...(ORGANIZATION_ROLES.includes(fields.role) ? { organization: fields.organization?.trim() } : {}),
      });
      await queries.invalidateQueries({ queryKey: ['auth/accounts'] });
      close();
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('accounts.create')} footer={null} onCancel={close} forceRender>
      <Form<Fields> form={form} layout="vertical" initialValues={{ role: 'ENTERPRISE' }} onFinish={(v) => void submit(v)} data-testid="account-form">
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('accounts.usernameHelp')}
          rules={[
            { required: true, message: t('accounts.usernameRequired') },
            { pattern: /^[A-Za-z0-9._@-]{2,64}$/, message: t('accounts.usernameFormat') },
          ]}
        >
          <Input data-testid="account-username" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
          <Select data-testid="account-role" options={ROLES.map((r) => ({ value: r, label: label('Role', r) }))} />
        </Form.Item>
        {role === 'ENTERPRISE' && (
          <Form.Item label={t('accounts.enterpriseUscc')} required extra={t('accounts.enterpriseHelp')}>
            <EnterpriseLookup onFound={(id) => form.setFieldsValue({ enterpriseId: id })} />
            <Form.Item name="enterpriseId" noStyle rules={[{ required: true, message: t('accounts.enterpriseRequired') }]}>
              <Input type="hidden" aria-hidden />
            </Form.Item>
          </Form.Item>
        )}
        {role !== undefined && ORGANIZATION_ROLES.includes(role) && (
          <Form.Item
            name="organization"
            label={t('accounts.organization')}
            extra={t('accounts.organizationHelp')}
            rules={[{ required: true, whitespace: true, message: t('accounts.organizationRequired') }]}
          >
            <Input data-testid="account-organization" maxLength={200} />
          </Form.Item>
        )}
        {error !== undefined && (
          <Form.Item>
            <ErrorAlert error={error} />
          </Form.Item>
        )}
        <Space wrap>
          <Button data-testid="account-submit" type="primary" htmlType="submit" loading={busy}>
            {t('accounts.createSubmit')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
