/**
 * 领料 — the parts counter: find a part (typing or scanning), put it on the
 * open repair order's draft, issue the draft (requisitionParts with one
 * idempotency key per draft, so a retried click never issues twice), see the
 * shortfalls, take parts back, print the parts list of the repair order.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PartSearch, type Part } from '../components/part-search';
import { ErrorBox, Unavailable, useAction, useApi, qty, money, partName, Panel, Empty } from '../components/ui';
import { OPEN_REPAIR_ORDER, REPAIR_ORDER, REPAIR_ORDERS, REQUISITION_PARTS, RETURN_PARTS, VEHICLE_MODELS } from '../api/ops';
import { useSession } from '../session';
import { newKey } from '../auth';

interface Line { id: string; requested: number; issued: number; returned: number; shortfall: number; unitPrice: string; part: { id: string; partNo: string; name: string; nameEn?: string; unit: string; unitPrecision: number }; bin?: { id: string; code: string; warehouse: { code: string } } | null }
interface RepairOrder { id: string; number: string; status: string; vin?: string; plate?: string; vehicleModel?: { id: string; name: string; nameEn?: string } | null; station: { id: string; code: string; name: string }; partsCost: string; requisitions: { id: string; number: string; lines: Line[] }[] }
interface Draft { part: Part; quantity: string }

const RO_KEY = 'partsgraph.counter.repairOrder';

export function CounterPage() {
  const { t } = useTranslation();
  const { stationId } = useSession();
  const [roId, setRoId] = useState<string | undefined>(() => sessionStorage.getItem(RO_KEY) || undefined);
  const [draft, setDraft] = useState<Draft[]>([]);
  const [draftKey, setDraftKey] = useState(() => newKey('req'));
  const [lastIssue, setLastIssue] = useState<{ number: string; lines: Line[] }>();
  useEffect(() => {
    if (roId) sessionStorage.setItem(RO_KEY, roId);
    else sessionStorage.removeItem(RO_KEY);
  }, [roId]);

  const addPart = (p: Part) => {
    setDraft((d) => {
      const i = d.findIndex((x) => x.part.id === p.id);
      if (i >= 0) return d.map((x, j) => (j === i ? { ...x, quantity: String(Number(x.quantity || 0) + 1) } : x));
      return [...d, { part: p, quantity: '1' }];
    });
    setDraftKey(newKey('req')); // the draft changed: it is a different requisition now
  };

  return (
    <div className="page counter">
      <Panel title={t('counter.search')} id="search-panel">
        <PartSearch onPick={addPart} pickLabel={t('counter.add')} />
      </Panel>
      <div className="side">
        <RepairOrderPicker roId={roId} setRoId={(id) => { setRoId(id); setLastIssue(undefined); }} stationId={stationId} />
        {roId && (
          <RepairOrderView
            roId={roId}
            draft={draft}
            setDraft={(d) => { setDraft(d); setDraftKey(newKey('req')); }}
            draftKey={draftKey}
            onIssued={(r) => { setLastIssue(r); setDraft([]); setDraftKey(newKey('req')); }}
            lastIssue={lastIssue}
          />
        )}
        {!roId && draft.length > 0 && <p className="warn-msg">{t('counter.pickOrderFirst')}</p>}
      </div>
    </div>
  );
}

function RepairOrderPicker({ roId, setRoId, stationId }: { roId?: string; setRoId(id?: string): void; stationId?: string }) {
  const { t, i18n } = useTranslation();
  const list = useApi<{ repairOrders: { id: string; number: string; status: string; plate?: string; vin?: string }[] }>(REPAIR_ORDERS, { stationId: stationId ?? null }, { op: 'Query.repairOrders' });
  const models = useApi<{ vehicleModels: { id: string; name: string; nameEn?: string }[] }>(VEHICLE_MODELS, {}, { op: 'Query.vehicleModels' });
  const open = useAction<{ openRepairOrder: RepairOrder }>(OPEN_REPAIR_ORDER);
  const [form, setForm] = useState({ plate: '', vin: '', vehicleModelId: '' });
  const [showForm, setShowForm] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await open.exec({ input: { stationId: stationId ?? null, plate: form.plate.trim() || null, vin: form.vin.trim().toUpperCase() || null, vehicleModelId: form.vehicleModelId || null } });
    if (r) {
      setRoId(r.openRepairOrder.id);
      setShowForm(false);
      setForm({ plate: '', vin: '', vehicleModelId: '' });
      list.refetch();
    }
  };
  const active = (list.data?.repairOrders ?? []).filter((o) => o.status === 'OPEN' || o.status === 'IN_PROGRESS' || o.id === roId);
  return (
    <Panel
      id="ro-panel"
      title={t('counter.repairOrder')}
      actions={
        <button type="button" onClick={() => setShowForm((s) => !s)} data-testid="new-ro">
          {t('counter.newOrder')}
        </button>
      }
    >
      {list.missing.length > 0 ? <Unavailable ops={list.missing} /> : <ErrorBox error={list.error} onRetry={list.refetch} />}
      <select aria-label={t('counter.repairOrder')} value={roId ?? ''} onChange={(e) => setRoId(e.target.value || undefined)} data-testid="ro-select">
        <option value="">{t('counter.chooseOrder')}</option>
        {active.map((o) => (
          <option key={o.id} value={o.id}>
            {o.number} {o.plate ?? ''} · {t(`roStatus.${o.status}`, { defaultValue: o.status })}
          </option>
        ))}
      </select>
      {showForm && (
        <form className="grid-form" onSubmit={submit}>
          <label>
            {t('counter.plate')}
            <input name="plate" value={form.plate} onChange={(e) => setForm({ ...form, plate: e.target.value })} placeholder="京A·12345" autoFocus />
          </label>
          <label>
            VIN
            <input name="vin" value={form.vin} onChange={(e) => setForm({ ...form, vin: e.target.value })} maxLength={17} placeholder="LVVDB11B0ND000001" />
          </label>
          <label>
            {t('counter.model')}
            <select name="vehicleModelId" value={form.vehicleModelId} onChange={(e) => setForm({ ...form, vehicleModelId: e.target.value })}>
              <option value="">–</option>
              {(models.data?.vehicleModels ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {partName(m, i18n.language)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={open.busy}>
            {t('counter.openOrder')}
          </button>
          <ErrorBox error={open.error} />
        </form>
      )}
    </Panel>
  );
}

function RepairOrderView({ roId, draft, setDraft, draftKey, onIssued, lastIssue }: { roId: string; draft: Draft[]; setDraft(d: Draft[]): void; draftKey: string; onIssued(r: { number: string; lines: Line[] }): void; lastIssue?: { number: string; lines: Line[] } }) {
  const { t, i18n } = useTranslation();
  const ro = useApi<{ repairOrder: RepairOrder | null }>(REPAIR_ORDER, { id: roId }, { op: 'Query.repairOrder' });
  const issue = useAction<{ requisitionParts: { id: string; number: string; lines: Line[] } }>(REQUISITION_PARTS);
  const order = ro.data?.repairOrder;
  const closed = order && (order.status === 'SETTLED' || order.status === 'CANCELLED');

  const doIssue = async () => {
    const lines = draft.map((d) => ({ partId: d.part.id, quantity: Number(d.quantity) }));
    if (lines.some((l) => !(l.quantity > 0))) return;
    const r = await issue.exec({ repairOrderId: roId, lines, idempotencyKey: draftKey });
    if (r) {
      onIssued(r.requisitionParts);
      ro.refetch();
    }
  };
  const short = (lastIssue?.lines ?? []).filter((l) => l.shortfall > 0);
  const allLines = (order?.requisitions ?? []).flatMap((r) => r.lines.map((l) => ({ ...l, requisition: r.number })));

  return (
    <>
      <Panel title={t('counter.draft')} id="draft-panel">
        {draft.length === 0 ? (
          <Empty>{t('counter.draftEmpty')}</Empty>
        ) : (
          <table className="lines" data-testid="draft-lines">
            <thead>
              <tr>
                <th>{t('part.partNo')}</th>
                <th>{t('part.name')}</th>
                <th className="num">{t('counter.quantity')}</th>
                <th className="num">{t('part.available')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.map((d, i) => (
                <tr key={d.part.id}>
                  <td className="mono">{d.part.partNo}</td>
                  <td>{partName(d.part, i18n.language)}</td>
                  <td className="num">
                    <input
                      className="qty"
                      type="number"
                      min={0}
                      step={d.part.unitPrecision > 0 ? 1 / 10 ** d.part.unitPrecision : 1}
                      value={d.quantity}
                      aria-label={t('counter.quantity')}
                      onChange={(e) => setDraft(draft.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))}
                    />{' '}
                    {d.part.unit}
                  </td>
                  <td className={`num ${d.part.stock && d.part.stock.available < Number(d.quantity) ? 'zero' : ''}`}>{d.part.stock ? qty(d.part.stock.available) : '–'}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setDraft(draft.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="row">
          <button type="button" className="primary" data-testid="issue" disabled={!draft.length || issue.busy || !!closed} onClick={doIssue}>
            {t('counter.issue')}
          </button>
          {issue.busy && <span className="hint">{t('common.working')}</span>}
        </div>
        <ErrorBox error={issue.error} />
        {lastIssue && (
          <div className={short.length ? 'warn-msg shortfall-box' : 'ok-msg'} role="status" data-testid="issue-result">
            {t('counter.issued', { number: lastIssue.number })}
            {short.length > 0 && (
              <ul>
                {short.map((l) => (
                  <li key={l.id}>
                    {t('counter.shortfallLine', { partNo: l.part.partNo, issued: qty(l.issued), shortfall: qty(l.shortfall), unit: l.part.unit })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Panel>
      <Panel
        title={t('counter.partsList')}
        id="parts-list"
        actions={
          <button type="button" onClick={() => window.print()} disabled={!order}>
            {t('counter.print')}
          </button>
        }
      >
        {ro.missing.length > 0 ? <Unavailable ops={ro.missing} /> : <ErrorBox error={ro.error} onRetry={ro.refetch} />}
        {order && (
          <div className="print-area">
            <div className="print-head">
              <h1>{t('counter.printTitle')}</h1>
              <p>
                {order.station.code} {order.station.name} · {t('counter.orderNo')} {order.number} · {t(`roStatus.${order.status}`, { defaultValue: order.status })}
              </p>
              <p>
                {t('counter.plate')} {order.plate ?? '–'} · VIN {order.vin ?? '–'} · {order.vehicleModel ? partName(order.vehicleModel, i18n.language) : ''}
              </p>
            </div>
            <p className="screen-only meta">
              {order.number} · {order.plate ?? ''} {order.vin ?? ''} · {t(`roStatus.${order.status}`, { defaultValue: order.status })}
            </p>
            {allLines.length === 0 ? (
              <Empty>{t('counter.noLines')}</Empty>
            ) : (
              <table className="lines" data-testid="ro-lines">
                <thead>
                  <tr>
                    <th>{t('counter.requisition')}</th>
                    <th>{t('part.partNo')}</th>
                    <th>{t('part.name')}</th>
                    <th className="num">{t('counter.requested')}</th>
                    <th className="num">{t('counter.issuedQty')}</th>
                    <th className="num">{t('counter.returned')}</th>
                    <th className="num">{t('counter.shortfall')}</th>
                    <th>{t('part.bin')}</th>
                    <th className="num">{t('part.unitPrice')}</th>
                    <th className="num">{t('counter.amount')}</th>
                    <th className="no-print" />
                  </tr>
                </thead>
                <tbody>
                  {allLines.map((l) => (
                    <tr key={l.id} className={l.shortfall > 0 ? 'has-shortfall' : ''}>
                      <td className="mono">{l.requisition}</td>
                      <td className="mono">{l.part.partNo}</td>
                      <td>{partName(l.part, i18n.language)}</td>
                      <td className="num">{qty(l.requested)}</td>
                      <td className="num">{qty(l.issued)}</td>
                      <td className="num">{qty(l.returned)}</td>
                      <td className="num">{l.shortfall > 0 ? <strong>{qty(l.shortfall)}</strong> : '0'}</td>
                      <td className="mono">{l.bin ? `${l.bin.warehouse.code}/${l.bin.code}` : '–'}</td>
                      <td className="num">{money(l.unitPrice)}</td>
                      <td className="num">{money(String((l.issued - l.returned) * Number(l.unitPrice)))}</td>
                      <td className="no-print">{!closed && l.issued - l.returned > 0 && <ReturnButton line={l} onDone={ro.refetch} />}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={9}>{t('counter.partsCost')}</td>
                    <td className="num">{money(order.partsCost)}</td>
                    <td className="no-print" />
                  </tr>
                </tfoot>
              </table>
            )}
          </div>
        )}
        {ro.data && !order && <Empty>{t('counter.orderNotFound')}</Empty>}
      </Panel>
    </>
  );
}

function ReturnButton({ line, onDone }: { line: Line; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [n, setN] = useState(String(line.issued - line.returned));
  const ret = useAction(RETURN_PARTS);
  if (!open)
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        {t('counter.return')}
      </button>
    );
  return (
    <form
      className="inline"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await ret.exec({ requisitionLineId: line.id, quantity: Number(n), binId: line.bin?.id ?? null })) {
          setOpen(false);
          onDone();
        }
      }}
    >
      <input className="qty" type="number" min={0} max={line.issued - line.returned} step="any" value={n} onChange={(e) => setN(e.target.value)} aria-label={t('counter.returnQty')} autoFocus />
      <button type="submit" className="small" disabled={ret.busy}>
        {t('common.ok')}
      </button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      <ErrorBox error={ret.error} />
    </form>
  );
}
