import type { Migration } from 'kysely/migration';
import { type AnyDb, insertCatalogueRows, insertSeedRows, SEED_USER, type SeedRow, seedStamps } from './run';

/**
 * The seed account, the model types named in the source document (Báo cáo sơ kết 05 năm CT09, Quận 6)
 * and the wards: those that replaced Quận 6's on 01/07/2025 when Ho Chi Minh City dropped the district
 * tier, and Phường 1–14 of Quận 6 (inactive), kept for old records.
 */
export const seedCatalogues: Migration = {
  async up(db: AnyDb) {
    const now = new Date().toISOString();
    await insertSeedRows(db, 'users', [{ ...SEED_USER, ...seedStamps(now) }]);
    const modelTypes: SeedRow[] = [
      { name: 'Đội công tác xã hội tình nguyện', description: 'Lực lượng tình nguyện tham gia giữ gìn trật tự, giúp đỡ người lầm lỡ.', active: 1, sort_key: '\u0106\u0113\u010c \u0104\u0113\u0111\u010a \u0119\u0100\u0104 \u011e\u0100 \u010b\u0113\u010c \u0119\u010c\u0111\u010b \u0111\u010a\u011a\u011f\u0108\u0111\u00010500000000400030050001000000050\u00011000000000000000000000000000000' },
      { name: 'Tổ xe ôm tự quản', description: 'Tổ tự quản của người chạy xe ôm, tham gia phát hiện, tố giác tội phạm.', active: 1, sort_key: '\u0119\u0113 \u011e\u0107 \u0113\u0110 \u0119\u011b \u0116\u011a\u0100\u0111\u00010200000000500020\u00011000000000000000' },
      { name: 'Nhà trọ tự quản', description: 'Chủ nhà trọ và người thuê trọ cùng tự quản về an ninh, trật tự.', active: 1, sort_key: '\u0111\u010b\u0100 \u0119\u0117\u0112 \u0119\u011b \u0116\u011a\u0100\u0111\u0001001000500500020\u0001100000000000000' },
      { name: 'Nghiệp đoàn bốc xếp tự quản', description: 'Nghiệp đoàn bốc xếp tự quản tại chợ, bến bãi.', active: 1, sort_key: '\u0111\u010a\u010b\u010c\u0108\u0115 \u0106\u0112\u0100\u0111 \u0103\u0113\u0104 \u011e\u0108\u0115 \u0119\u011b \u0116\u011a\u0100\u0111\u0001000050000100040004000500020\u0001100000000000000000000000000' },
      { name: 'Tiếng chuông báo trộm', description: 'Các hộ liên kết chuông báo động để phòng chống trộm cắp.', active: 1, sort_key: '\u0119\u010c\u0108\u0111\u010a \u0104\u010b\u011a\u0113\u0111\u010a \u0103\u0100\u0112 \u0119\u0117\u0113\u0110\u0001004000000000004000050\u0001100000000000000000000' },
    ];
    await insertCatalogueRows(db, 'model_types', modelTypes, now);
    const currentWard = { parent_unit: 'TP. Hồ Chí Minh', active: 1, note: null };
    const formerWard = { parent_unit: 'Quận 6 (trước 01/07/2025)', active: 0, note: 'Đơn vị hành chính cũ, giữ lại cho hồ sơ lập trước khi sáp nhập.' };
    const wards: SeedRow[] = [
      { name: 'Phường Bình Tiên', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0119\u010c\u0108\u0111\u00010001000010000000\u00011000000100001000' },
      { name: 'Phường Bình Tây', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0119\u0102\u011f\u0001000100001000000\u0001100000010000100' },
      { name: 'Phường Bình Phú', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0115\u010b\u011a\u0001000100001000004\u0001100000010000100' },
      { name: 'Phường Phú Lâm', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0115\u010b\u011a \u010f\u0102\u0110\u000100010000040000\u000110000001000100' },
      { name: 'Phường 1', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000001\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 2', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000002\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 3', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000003\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 4', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000004\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 5', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000005\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 6', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000006\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 7', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000007\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 8', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000008\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 9', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000009\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 10', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000010\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 11', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000011\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 12', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000012\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 13', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000013\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 14', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000014\u0001000100000000000\u0001100000000000000' },
    ];
    await insertCatalogueRows(db, 'wards', wards, now);
  },
};
