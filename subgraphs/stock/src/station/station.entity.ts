import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service station (服务站 / 4S店). */
@Entity({ name: 'station' })
export class StationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) region: string | null;
  /** STATION, or DEPOT for HQ's parts depot (备品部). */
  @Column('text', { default: 'STATION' }) kind: 'STATION' | 'DEPOT';
}

/** A warehouse (仓库) of a station. */
@Entity({ name: 'warehouse' })
export class WarehouseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'station_id' }) stationId: string;
  @Column('text') code: string;
  @Column('text') name: string;
}

/** A bin location (货位) in a warehouse; quarantine bins hold damaged goods. */
@Entity({ name: 'bin' })
export class BinEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'warehouse_id' }) warehouseId: string;
  @Column('text') code: string;
  @Column('boolean') quarantine: boolean;
}
