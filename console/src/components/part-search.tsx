/**
 * Search-as-you-type over searchParts (debounced), keyboard-driven: ↑/↓ move
 * the highlight, Enter picks it (pressed before the results came, it picks the
 * first of them when they do) — or, when the box holds a barcode a scanner
 * just typed (digits + Enter), looks it up with partByBarcode and picks that.
 * F2 anywhere puts the cursor back in the box. With a `vin` (the repair
 * order's car) the search narrows to the parts that fit it, unless the clerk
 * unticks it; "more" pages on with pageInfo.endCursor (20 at a time).
 * Under the box one status line of fixed height (the last scan, 加载中… while
 * a search is on its way, or the count with its Excel download), then the
 * results in a box that scrolls (aria-busy while loading, 没有找到… when
 * nothing matches); at the counter that box keeps one height, so typing
 * moves nothing around it (test/browser/counter-typing.test.ts).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useClient } from 'urql';
import { useTranslation } from 'react-i18next';
import { SEARCH_PARTS, SEARCH_PARTS_NO_STOCK, PART_BY_BARCODE, PART_BY_BARCODE_NO_STOCK, VEHICLE_MODELS } from '../api/ops';
import { ErrorBox, ExportButton, QueryProblem, useApi, useDebounced, qty, money, partName, Empty } from './ui';
import { useSession } from '../session';

export interface StockLevel { onHand: number; reserved: number; available: number; bin: { id: string; code: string; quarantine: boolean; warehouse: { id: string; code: string; name: string } } }
export interface Part {
  id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision: number; barcode?: string | null;
  category?: string | null; brand?: string | null; spec?: string | null;
  prices: { retail: string; hqCap?: string | null };
  compatibleModels: { id: string; code: string; name: string; nameEn?: string | null }[];
  stock?: { onHand: number; available: number; inTransit: number; levels: StockLevel[] };
}

const BARCODE = /^\d{8,14}$/;
const isStockMissing = (e: any) => (e?.graphQLErrors ?? []).some((g: any) => /"stock"/.test(g.message) && /Cannot query field/.test(g.message));

interface SearchPage {
  estimatedTotal: number; estimatedTotalIsLowerBound: boolean; engine: string; tookMs: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  vehicleModel: { id: string; name: string; nameEn?: string | null } | null;
  hits: { part: Part }[];
}

export function PartSearch({ onPick, pickLabel, autoFocus = true, vin }: { onPick(p: Part): void; pickLabel: string; autoFocus?: boolean; vin?: string | null }) {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [modelId, setModelId] = useState('');
  const [inStock, setInStock] = useState(false);
  const [active, setActive] = useState(0);
  const [noStock, setNoStock] = useState(false);
  const [scanMsg, setScanMsg] = useState<{ ok: boolean; text: string }>();
  const [scanError, setScanError] = useState<any>();
  const [byVin, setByVin] = useState(true);
  // An Enter pressed before the search for the typed text answered (the text it was pressed on).
  const [pendingEnter, setPendingEnter] = useState<string>();
  // Pages after the first, fetched with "more"; dropped whenever the search changes.
  const [more, setMore] = useState<{ key: string; pages: SearchPage[] }>();
  const [moreError, setMoreError] = useState<any>();
  const q = useDebounced(text.trim(), 250);
  useEffect(() => setByVin(true), [vin]);
  const vinUsed = vin && byVin ? vin : null;

  const models = useApi<{ vehicleModels: { id: string; name: string; nameEn?: string; series: string }[] }>(VEHICLE_MODELS, {}, { op: 'Query.vehicleModels' });
  const doc = noStock ? SEARCH_PARTS_NO_STOCK : SEARCH_PARTS;
  const vars = { query: q, vehicleModelId: modelId || null, inStockAtStation: inStock ? stationId ?? null : null, vin: vinUsed, after: null, ...(noStock ? {} : { stationId: stationId ?? null }) };
  const key = JSON.stringify([doc, vars]);
  const search = useApi<{ searchParts: SearchPage }>(doc, vars, { op: 'Query.searchParts', pause: q.length === 0 });
  useEffect(() => {
    if (search.error && isStockMissing(search.error)) setNoStock(true);
  }, [search.error]);
  useEffect(() => {
    setActive(0);
    setMore(undefined);
    setMoreError(undefined);
  }, [q, modelId, inStock, vinUsed]);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [autoFocus]);

  // a search on its way: the typed text not yet sent (debounce) or its answer not yet in
  const busy = text.trim().length > 0 && (text.trim() !== q || search.fetching);
  const first = q ? search.data?.searchParts : undefined;
  const later = more && more.key === key ? more.pages : [];
  const hits = first ? [first, ...later].flatMap((pg) => pg.hits) : [];
  const last = later[later.length - 1] ?? first;
  const loadMore = async () => {
    if (!last?.pageInfo.hasNextPage) return;
    setMoreError(undefined);
    const r = await client.query(doc, { ...vars, after: last.pageInfo.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    if (r.error) return setMoreError(r.error);
    const pg = r.data?.searchParts as SearchPage | undefined;
    if (pg) setMore({ key, pages: [...later, pg] });
  };
  const pick = (p: Part) => {
    onPick(p);
    setText('');
    input.current?.focus();
  };

  const lookupBarcode = async (code: string) => {
    setScanError(undefined);
    let r: { error?: any; data?: any } = await client.query(noStock ? PART_BY_BARCODE_NO_STOCK : PART_BY_BARCODE, { barcode: code, stationId: stationId ?? null }, { requestPolicy: 'network-only' }).toPromise();
    if (r.error && isStockMissing(r.error)) {
      setNoStock(true);
      r = await client.query(PART_BY_BARCODE_NO_STOCK, { barcode: code }, { requestPolicy: 'network-only' }).toPromise();
    }
    if (r.error) {
      setScanError(r.error);
      return false;
    }
    const part = r.data?.partByBarcode as Part | null;
    if (!part) return false;
    setScanMsg({ ok: true, text: t('search.scanned', { partNo: part.partNo, name: partName(part, i18n.language) }) });
    pick(part);
    return true;
  };

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Escape') {
      setText('');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const code = text.trim();
      if (!code) return;
      if (BARCODE.test(code)) {
        if (await lookupBarcode(code)) return;
        if (!hits.length) {
          setScanMsg({ ok: false, text: t('search.noBarcode', { code }) });
          return;
        }
      }
      // Results for what is typed: pick the highlighted one; else (Enter before the debounce
      // fired or the search answered, as a fast clerk or a scanner types) pick when they arrive.
      if (q === code && !search.fetching && search.data) {
        if (hits[active]) pick(hits[active].part);
      } else setPendingEnter(code);
    }
  };
  useEffect(() => {
    if (pendingEnter === undefined) return;
    if (text.trim() !== pendingEnter) return setPendingEnter(undefined); // typed on or cleared: forget it
    if (q !== pendingEnter || search.fetching || !search.data) return;
    setPendingEnter(undefined);
    if (hits[0]) pick(hits[0].part);
  });

  return (
    <div className="part-search">
      <div className="search-bar">
        <input
          ref={input}
          type="search"
          name="part-search"
          value={text}
          onChange={(e) => { setText(e.target.value); setScanMsg(undefined); }}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          autoComplete="off"
          spellCheck={false}
        />
        <select value={modelId} onChange={(e) => setModelId(e.target.value)} aria-label={t('search.model')}>
          <option value="">{t('search.anyModel')}</option>
          {(models.data?.vehicleModels ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {partName(m, i18n.language)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={inStock} onChange={(e) => setInStock(e.target.checked)} disabled={!stationId} /> {t('search.inStock')}
        </label>
        {vin && (
          <label className="check" data-testid="search-by-vin">
            <input type="checkbox" checked={byVin} onChange={(e) => setByVin(e.target.checked)} />{' '}
            {t('search.byVin', { vin, model: first?.vehicleModel ? partName(first.vehicleModel, i18n.language) : '…' })}
          </label>
        )}
      </div>
      <p className="hint">{t('search.keys')}</p>
      {/* One line of fixed height under the box: the last scan, "loading", or the count with the Excel download; it never pushes the rows down. */}
      <div className="meta search-status" role="status" data-testid="search-status">
        {scanMsg ? (
          <span className={scanMsg.ok ? 'ok-msg' : 'warn-msg'} data-testid="scan-msg">{scanMsg.text}</span>
        ) : busy ? (
          <span className="loading">{t('common.loading')}</span>
        ) : q && search.data ? (
          <>
            <span className="count">
              {t('search.meta', { count: search.data.searchParts.estimatedTotal, ms: search.data.searchParts.tookMs, engine: search.data.searchParts.engine })}
              {search.data.searchParts.estimatedTotalIsLowerBound ? '+' : ''}
              {hits.length > 0 && ` · ${t('search.shown', { count: hits.length })}`}
            </span>
            {/* every match as Excel, made on the server (/export/parts.xlsx: same query, model and VIN); it has no in-stock filter, so not offered while that is ticked */}
            {hits.length > 0 && !inStock && <ExportButton list="parts" filters={{ query: q, vehicleModelId: modelId || null, vin: vinUsed }} />}
          </>
        ) : null}
      </div>
      {/* The results in a box of their own height (it scrolls): rows coming, going or changing move nothing around it. */}
      <div className="search-area scroll" aria-busy={busy} data-testid="search-area">
      <ErrorBox error={scanError} />
      <QueryProblem of={{ missing: search.missing, error: search.error && !isStockMissing(search.error) ? search.error : undefined }} />
      {noStock && <p className="warn-msg">{t('search.noStockInfo')}</p>}
      {q && hits.length > 0 && (
        <table className={`results ${busy ? 'stale' : ''}`} role="grid" data-testid="search-results">
          <thead>
            <tr>
              <th>{t('part.partNo')}</th>
              <th>{t('part.name')}</th>
              <th className="models">{t('part.models')}</th>
              <th className="num">{t('part.price')}</th>
              <th className="num">{t('part.available')}</th>
              <th>{t('part.bins')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hits.map(({ part }, i) => {
              const models = `${part.compatibleModels.slice(0, 4).map((m) => partName(m, i18n.language)).join('、')}${part.compatibleModels.length > 4 ? ` +${part.compatibleModels.length - 4}` : ''}`;
              return (
                <tr key={part.id} className={i === active ? 'active' : ''} onMouseMove={() => i !== active && setActive(i)} onDoubleClick={() => pick(part)} data-part-no={part.partNo}>
                  <td className="mono">{part.partNo}</td>
                  <td className="name">
                    {part.name}
                    {part.nameEn && <div className="sub">{part.nameEn}</div>}
                    {models && <div className="sub models-under">{models}</div>}
                  </td>
                  <td className="models">{models}</td>
                  <td className="num">{money(part.prices.retail)}</td>
                  <td className={`num ${part.stock && part.stock.available <= 0 ? 'zero' : ''}`}>{part.stock ? `${qty(part.stock.available)} ${part.unit}` : '–'}</td>
                  <td className="bins">
                    {(part.stock?.levels ?? []).filter((l) => !l.bin.quarantine && l.onHand > 0).slice(0, 4).map((l) => (
                      <span key={l.bin.id} className="bin">
                        {l.bin.warehouse.code}/{l.bin.code}: {qty(l.available)}
                      </span>
                    ))}
                  </td>
                  <td>
                    <button type="button" className="small" onClick={() => pick(part)}>
                      {pickLabel}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {q && last?.pageInfo.hasNextPage && (
        <button type="button" className="small" onClick={() => void loadMore()} data-testid="search-more">
          {t('search.more')}
        </button>
      )}
      <ErrorBox error={moreError} />
      {q && search.data && hits.length === 0 && !search.fetching && <Empty>{t('search.none', { q })}</Empty>}
      </div>
    </div>
  );
}
