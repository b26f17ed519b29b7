import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum MovementTypeEnum {
  RECEIPT = 'RECEIPT',
  ISSUE = 'ISSUE',
  RETURN = 'RETURN',
  BIN_MOVE = 'BIN_MOVE',
  TRANSFER_OUT = 'TRANSFER_OUT',
  TRANSFER_IN = 'TRANSFER_IN',
  ADJUSTMENT = 'ADJUSTMENT',
  WRITE_OFF = 'WRITE_OFF',
  QUARANTINE = 'QUARANTINE',
  /** 退货给供应商: damaged goods from the quarantine bin back to the supplier (returnDamagedGoods). */
  SUPPLIER_RETURN = 'SUPPLIER_RETURN',
  /** Out of HQ's depot towards a station, for a confirmed order (reference: the order's number). */
  DEPOT_SHIPMENT = 'DEPOT_SHIPMENT',
}
registerEnumType(MovementTypeEnum, { name: 'MovementType', description: 'Why stock moved.' });

@ObjectType({ description: 'One row of the append-only stock ledger. quantity is signed: + into the bin, − out of it.' })
export class StockMovement {
  @Field(() => ID) id: string;
  @Field(() => MovementTypeEnum) type: MovementTypeEnum;
  @Field(() => Float) quantity: number;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field() occurredAt: Date;
  @Field() actor: string;
  @Field(() => String, { description: 'Opaque cursor of this row, for `after`.' }) cursor: string;
  @Field(() => Float, { nullable: true, description: 'On hand of the part in the warehouse after this row (running balance); only when the list names one part and one warehouse.' }) balance?: number | null;
  partId: string;
  binId: string;
  warehouseId?: string;
}
