import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A vehicle model (车型) parts can fit, e.g. 瑞虎7 / Tiggo 7. */
@Entity({ name: 'vehicle_model' })
export class VehicleModelEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') series: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_en', nullable: true }) nameEn: string | null;
  @Column('int', { name: 'year_from', nullable: true }) yearFrom: number | null;
  @Column('int', { name: 'year_to', nullable: true }) yearTo: number | null;
}
