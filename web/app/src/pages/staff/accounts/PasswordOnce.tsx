// A new account's generated password, shown this once with a copy button.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';

import { useI18n } from '../../../i18n';
import type { Created } from './CreateAccount';

export function PasswordOnce({ created, onClose }: { created: Created | undefined; onClose: () => void }) {
  const { t, label } = useI18n();
  return (
    <Modal
      open={created !== undefined}
      title={t('accounts.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" data-testid="account-password-done" onClick={onClose}>
          {t('accounts.passwordNoted')}
        </Button>
      }
    >
      {created && (
        <>
          <Alert type="warning" showIcon title={t('accounts.shownOnce')} />
          <Descriptions
            className="password-once"
            size="small"
            column={1}
            bordered
            items={[
              { key: 'username', label: t('accounts.username'), children: created.account.username },
              { key: 'role', label: t('accounts.role'), children: label('Role', created.account.role) },
              {
                key: 'password',
                label: t('accounts.password'),
                children: (
                  <Typography.Text data-testid="account-password" className="mono" copyable={{ tooltips: [t('accounts.copy'), t('accounts.copied')] }}>
                    {created.password}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
