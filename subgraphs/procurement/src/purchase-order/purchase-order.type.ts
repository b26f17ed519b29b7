/** GraphQL types of purchase orders (采购订单) and their lines. */
import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { Part, RepairOrder, Station } from '../stub/entity-stubs';
import { Supplier } from '../supplier/supplier.type';

export enum PurchaseOrderKind {
  STANDARD = 'STANDARD',
  /** 补发订单: replaces goods damaged on delivery; its number starts with "P". */
  REPLACEMENT = 'REPLACEMENT',
}
registerEnumType(PurchaseOrderKind, { name: 'PurchaseOrderKind' });

export enum PurchaseOrderStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  /** 已到货 */
  SHIPPED = 'SHIPPED',
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  /** 已入库 */
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus' });

@ObjectType({ description: 'One part on a purchase order, with what has been received of it.' })
export class PurchaseOrderLine {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => Float, { description: 'Received so far (accepted + damaged).' }) received: number;
  @Field(() => Float, { description: 'Put into bins.' }) accepted: number;
  @Field(() => Float, { description: 'Damaged on delivery, in quarantine and on a damage claim.' }) damaged: number;
  @Field(() => Float, { description: 'Still to come: quantity − received (never negative).' }) outstanding: number;
  @Field(() => String, { nullable: true, description: 'The part\'s catalog category when the order was raised (for statistics).' }) category: string | null;
  @Field(() => Float, { description: 'An order to HQ\'s depot: confirmed by HQ so far (reserved in the depot\'s stock until shipped); 0 for other suppliers.' }) confirmed: number;
  @Field(() => Float, { description: 'An order to HQ\'s depot: still owed by the depot, confirmed automatically (oldest first) when stock arrives.' }) backordered: number;
  @Field(() => Date, { nullable: true, description: 'When the back-ordered quantity is expected.' }) eta: Date | null;
  @Field(() => Float, { description: 'Shipped by the supplier so far (an order to the depot: DEPOT_SHIPMENT out of its bins).' }) shipped: number;
  purchaseOrderId: string;
  partId: string;
  lineNo: number;
  unitPrecision: number;
  /** The order's supplier, set by the order's `lines` resolver (for `offer`). */
  supplierId?: string;
}

@ObjectType({ description: 'A purchase order (采购订单) of a station to a supplier.' })
@Directive('@key(fields: "id")')
export class PurchaseOrder {
  @Field(() => ID) id: string;
  @Field({ description: 'Per station and year: "CG2026-000001"; replacement orders "P2026-000001".' }) number: string;
  @Field(() => PurchaseOrderKind) kind: PurchaseOrderKind;
  @Field(() => Station) station: Station;
  @Field(() => Supplier) supplier: Supplier;
  @Field(() => PurchaseOrderStatus) status: PurchaseOrderStatus;
  @Field(() => [PurchaseOrderLine]) lines: PurchaseOrderLine[];
  @Field(() => RepairOrder, { nullable: true, description: 'Set for a direct purchase (一进一出).' }) repairOrder: RepairOrder | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) shippedAt: Date | null;
  @Field(() => Date, { nullable: true }) receivedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the goods are due: submittedAt + the longest lead time of the lines\' offers (else the supplier\'s).' }) expectedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the order was cancelled (cancelPurchaseOrder).' }) cancelReason: string | null;
  @Field(() => String, { nullable: true, description: 'The delivery note (发货单) of the latest shipment of an order to HQ\'s depot.' }) deliveryNoteNumber: string | null;
  stationId: string;
  supplierId: string;
}

@InputType()
export class PurchaseOrderLineInput {
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Default: the supplier\'s price for the part.' }) @IsOptional() unitPrice?: string | null;
}

@InputType()
export class PurchaseOrderInput {
  @Field(() => ID, { nullable: true, description: 'Required for HQ; a station user\'s own station otherwise.' }) @IsOptional() @IsUUID('all', { message: 'stationId must be an id' }) stationId?: string | null;
  @Field(() => ID) @IsUUID('all', { message: 'supplierId must be an id' }) supplierId: string;
  @Field(() => [PurchaseOrderLineInput]) @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested() lines: PurchaseOrderLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) note?: string | null;
}
