/** Change password (`changePassword`): the other sessions of this person end; this one stays. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox, useAction } from '../components/ui';

const CHANGE_PASSWORD = `mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;

export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const action = useAction<{ changePassword: boolean }>(CHANGE_PASSWORD);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = again.length > 0 && again !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return;
    const r = await action.exec({ c: current, n: next });
    if (r?.changePassword) {
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    }
  };
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="change-password-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="modal" onSubmit={submit} data-testid="change-password">
        <h2 id="change-password-title">{t('account.changePassword')}</h2>
        {done ? (
          <p className="ok-box" role="status">{t('account.changed')}</p>
        ) : (
          <>
            <label htmlFor="cp-current">{t('account.current')}</label>
            <input id="cp-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus />
            <label htmlFor="cp-new">{t('signIn.newPassword')}</label>
            <input id="cp-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
            <label htmlFor="cp-again">{t('signIn.confirmPassword')}</label>
            <input id="cp-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
            <p className="hint">{mismatch ? <span className="warn">{t('signIn.mismatch')}</span> : t('signIn.passwordRule', { min: 10 })}</p>
            <ErrorBox error={action.error} />
          </>
        )}
        <div className="row">
          {!done && (
            <button type="submit" className="primary" disabled={action.busy || !current || !next || next !== again}>
              {t('account.save')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {done ? t('common.ok') : t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
