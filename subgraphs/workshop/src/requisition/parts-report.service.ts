import { round3 } from '../../../shared/src';
/** 服务单配件明细: the parts of a repair order summed per part and unit price, and its parts cost. */
import type { Context } from '../../../shared/src';
import { formatCents, lineCents } from '../../../shared/src/money';
import { PartsReport, PartsReportRow } from '../repair-order/repair-order.type';
import { orderLinesLoader } from './requisition.service';


export const partsReportService = {
  async report(ctx: Context, repairOrderId: string): Promise<PartsReport> {
    const lines = await orderLinesLoader(ctx).load(repairOrderId);
    const rows = new Map<string, PartsReportRow>();
    for (const l of lines) {
      const k = `${l.partId}|${l.unitPrice}`;
      const r = rows.get(k) ?? Object.assign(new PartsReportRow(), { part: l.part, requested: 0, issued: 0, returned: 0, shortfall: 0, net: 0, unitPrice: l.unitPrice, amount: '0.00' });
      r.requested = round3(r.requested + l.requested);
      r.issued = round3(r.issued + l.issued);
      r.returned = round3(r.returned + l.returned);
      r.shortfall = round3(r.shortfall + l.shortfall);
      r.net = round3(r.issued - r.returned);
      r.amount = formatCents(lineCents(r.net, r.unitPrice));
      rows.set(k, r);
    }
    const list = [...rows.values()];
    const sum = (f: (r: PartsReportRow) => number) => round3(list.reduce((s, r) => s + f(r), 0));
    return Object.assign(new PartsReport(), {
      rows: list, requested: sum((r) => r.requested), issued: sum((r) => r.issued), returned: sum((r) => r.returned), shortfall: sum((r) => r.shortfall),
      // Line by line, rounded once per line as the line amounts show.
      partsCost: formatCents(lines.reduce((s, l) => s + lineCents(round3(l.issued - l.returned), l.unitPrice), 0n)),
    });
  },
};
