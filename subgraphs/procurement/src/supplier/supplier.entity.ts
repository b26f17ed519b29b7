import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A supplier (供应商) with its lead time. */
@Entity({ name: 'supplier' })
export class SupplierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('int', { name: 'lead_time_days' }) leadTimeDays: number;
}
