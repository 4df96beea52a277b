/** Connect to the companion: paste the URL and the token `npm run storm -- --serve` printed. */
import { useState } from 'react';
import { notify } from '../../store/ui-store';
import { Modal } from '../dialogs/dialog-host';
import { isToken, parseCompanionUrl, START_COMMAND } from './companion-client';
import { connectionFromText, runOnRealStorm } from './real-storm-actions';
import { realStormStore } from './real-storm-store';
import { useRealStorm } from './use-real-storm';
import './real-storm.css';

export default function ConnectDialog({ props, close }: { props: unknown; close: () => void }) {
  const thenRun = (props as { thenRun?: boolean } | undefined)?.thenRun === true;
  const saved = useRealStorm((s) => s.connection);
  const problem = useRealStorm((s) => s.problem);
  const [url, setUrl] = useState(saved?.url ?? '');
  const [token, setToken] = useState(saved?.token ?? '');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);

  /** A paste of the whole block (or the link) fills both fields. */
  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>) => {
    const found = connectionFromText(e.clipboardData.getData('text'));
    if (found.url && found.token) {
      e.preventDefault();
      setUrl(found.url);
      setToken(found.token);
    }
  };

  const connect = async () => {
    const u = parseCompanionUrl(url);
    if (!u) return setInvalid(`"${url}" is not the companion's URL: it looks like http://127.0.0.1:41234 (printed by ${START_COMMAND}).`);
    if (!isToken(token)) return setInvalid('The token is the 32 hex digits after "token:" in what the companion printed.');
    setInvalid(null);
    setBusy(true);
    const ok = await realStormStore().actions.connect({ url: u, token: token.trim() });
    setBusy(false);
    if (!ok) return;
    close();
    notify('Connected to the Storm companion.', 'success');
    if (thenRun) await runOnRealStorm();
  };

  return (
    <Modal
      title="Run on real Storm"
      testId="dialog.real-storm"
      onClose={close}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" data-testid="real.connect.submit" disabled={busy} onClick={() => void connect()}>
            {busy ? 'Connecting…' : thenRun ? 'Connect and run' : 'Connect'}
          </button>
        </>
      }
    >
      <div className="real-connect">
        <p>
          Storm Studio runs the open topology on Apache Storm 2.8 through a small companion on your machine (Java 17 and Maven needed there; the app itself needs neither). In a terminal, in the
          Storm Studio folder:
        </p>
        <pre className="real-command">{START_COMMAND}</pre>
        <p>It prints its URL and a token (or a link that opens the app connected). Paste them here: the token stays in this tab only.</p>
        <label className="real-field">
          <span>URL</span>
          <input className="input" data-testid="real.connect.url" data-autofocus placeholder="http://127.0.0.1:41234" value={url} spellCheck={false} onPaste={onPaste} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label className="real-field">
          <span>Token</span>
          <input className="input mono" data-testid="real.connect.token" placeholder="32 hex digits" value={token} spellCheck={false} autoComplete="off" onPaste={onPaste} onChange={(e) => setToken(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void connect()} />
        </label>
        {invalid ? (
          <p className="real-problem" role="alert" data-testid="real.connect.problem">
            {invalid}
          </p>
        ) : problem ? (
          <p className="real-problem" role="alert" data-testid="real.connect.problem">
            {problem.message}
          </p>
        ) : null}
      </div>
    </Modal>
  );
}
