import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A part (备件) as HQ keeps it in the catalog. Money columns come back from pg as strings. */
@Entity({ name: 'part' })
export class PartEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'part_no' }) partNo: string;
  @Column('text', { name: 'part_no_norm' }) partNoNorm: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_en', nullable: true }) nameEn: string | null;
  @Column('text', { nullable: true }) spec: string | null;
  @Column('text') unit: string;
  @Column('smallint', { name: 'unit_precision' }) unitPrecision: number;
  @Column('text', { nullable: true }) category: string | null;
  @Column('text', { nullable: true }) brand: string | null;
  @Column('text', { nullable: true }) barcode: string | null;
  /** HQ's 助记码; null = generated from the name (generateMnemonic). */
  @Column('text', { nullable: true }) mnemonic: string | null;
  @Column('text', { name: 'image_urls', array: true }) imageUrls: string[];
  @Column('uuid', { name: 'superseded_by_id', nullable: true }) supersededById: string | null;
  @Column('numeric', { name: 'price_retail' }) priceRetail: string;
  @Column('numeric', { name: 'price_wholesale' }) priceWholesale: string;
  @Column('numeric', { name: 'price_member' }) priceMember: string;
  @Column('numeric', { name: 'price_insurance' }) priceInsurance: string;
  @Column('numeric', { name: 'price_internal' }) priceInternal: string;
  @Column('numeric', { name: 'hq_cap', nullable: true }) hqCap: string | null;
  @Column('numeric', { name: 'pack_size' }) packSize: string;
  @Column('numeric', { name: 'min_order_qty' }) minOrderQty: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

