import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RepairOrderStatusValue = 'OPEN' | 'IN_PROGRESS' | 'COMPLETED' | 'SETTLED' | 'CANCELLED';

/** A repair order (委托书 / 工单) of a station. */
@Entity({ name: 'repair_order' })
export class RepairOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid', { name: 'station_id' }) stationId: string;
  @Column('text') status: RepairOrderStatusValue;
  @Column('text', { nullable: true }) vin: string | null;
  @Column('text', { nullable: true }) plate: string | null;
  @Column('uuid', { name: 'vehicle_model_id', nullable: true }) vehicleModelId: string | null;
  @Column('text', { name: 'opened_by' }) openedBy: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
}
