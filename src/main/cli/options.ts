import type { PostgresSource } from '../db/postgres';
/** Every option of the command line, with its help text; each command says which of them it takes. */
export const OPTIONS = {
  'data-dir': { type: 'string', arg: 'THƯ_MỤC', help: 'Thư mục dữ liệu (mặc định: thư mục của ứng dụng, hoặc biến ANTQ_DATA_DIR)' },
  database: { type: 'string', arg: 'postgres://…', help: 'Dùng cơ sở dữ liệu trên máy chủ PostgreSQL thay cho tệp trong thư mục dữ liệu, ví dụ postgres://canbo@192.168.1.10:5432/so_theo_doi (không ghi mật khẩu ở đây)' },
  'database-password-file': { type: 'string', arg: 'TỆP', help: 'Tệp chứa mật khẩu máy chủ PostgreSQL (dòng đầu); không có thì dùng PGPASSWORD hoặc ~/.pgpass' },
  json: { type: 'boolean', help: 'In kết quả dạng JSON (một đối tượng) ra stdout' },
  demo: { type: 'boolean', help: 'info, export, import, undo-import: dùng tệp dữ liệu mẫu thay cho tệp dữ liệu thật' },
  scale: { type: 'string', arg: 'N', help: 'demo: quy mô, số dương tối đa 1000 (1 = 100 mô hình, khoảng 1.000 thành viên, 100 đối tượng)' },
  people: { type: 'string', arg: 'N', help: 'demo: số đối tượng giúp đỡ, từ 0 đến 1.000.000 (mặc định 100 × quy mô; mỗi người khoảng 10 lần đánh giá)' },
  seed: { type: 'string', arg: 'S', help: 'demo: hạt giống ngẫu nhiên (số nguyên); cùng hạt giống cho cùng dữ liệu' },
  to: { type: 'string', multiple: true, arg: 'TỆP', help: 'backup: tệp (.sqlite hoặc .antqbak) hoặc thư mục để ghi bản sao lưu; export: tệp .xlsx hoặc .csv để ghi; report: ngày cuối kỳ (DD/MM/YYYY) và/hoặc tệp để ghi báo cáo' },
  from: { type: 'string', arg: 'DD/MM/YYYY', help: 'report: ngày đầu kỳ báo cáo' },
  ward: { type: 'string', multiple: true, arg: 'PHƯỜNG', help: 'report: chỉ tính phường này (tên như trong danh mục, ví dụ "Phường 11" hoặc "11"); nhắc lại để chọn nhiều phường' },
  format: { type: 'string', arg: 'txt|json|pdf|docx', help: 'report: dạng báo cáo (mặc định txt; txt ra màn hình khi không có --to TỆP)' },
  scenario: { type: 'string', arg: 'TÊN', help: 'demo: tạo dữ liệu theo kịch bản thay cho --scale; quan6-2013-2018 = số liệu báo cáo sơ kết 05 năm của Công an quận 6' },
  'password-file': { type: 'string', arg: 'TỆP', help: 'backup, verify, restore: tệp chứa mật khẩu (dòng đầu) để mã hóa hoặc mở bản sao lưu' },
  yes: { type: 'boolean', help: 'restore: khôi phục ngay, không hỏi lại' },
  filter: { type: 'string', arg: 'JSON', help: 'export: bộ lọc và sắp xếp dạng JSON, ví dụ {"status":"hoat_dong","sort":{"field":"name","direction":"asc"}}' },
  columns: { type: 'string', arg: 'a,b,c', help: 'export: các cột cần xuất, theo thứ tự, hoặc "all" để xuất mọi cột (nhập lại được đủ; mặc định: các cột thường hiển thị; tên cột sai sẽ được báo kèm danh sách cột)' },
  round: { type: 'string', arg: 'MÃ', help: 'export round: mã đợt khen thưởng' },
  sheet: { type: 'string', arg: 'TÊN', help: 'import: trang tính cần nhập (mặc định: trang đầu tiên)' },
  mapping: { type: 'string', arg: 'M.json', help: 'import: cách ghép cột, {"register":"subjects","columns":{"B":"fullName","Năm sinh":"birth"}} (mặc định: tự nhận theo tên cột)' },
  'dry-run': { type: 'boolean', help: 'import: chỉ kiểm tra, in các vấn đề của từng dòng, không ghi gì' },
  'add-missing': { type: 'boolean', help: 'import: thêm vào danh mục mọi phường, khu phố, diện, tổ chức, loại mô hình chưa có (sau khi đã so khớp theo cách viết tắt), và in ra các mục đã thêm' },
  'likely-duplicates': { type: 'string', arg: 'import|skip', help: 'import: dòng có thể trùng (cùng họ tên, năm sinh, phường, không có số CCCD): import = vẫn nhập thành hồ sơ riêng (mặc định), skip = bỏ qua' },
  'invalid-id': { type: 'string', arg: 'skip|import', help: 'import: dòng có số CCCD/CMND sai (sai độ dài, có chữ): skip = bỏ qua dòng (mặc định), import = nhập không có số này (số được ghi lại trong phần lý do, quá trình)' },
  username: { type: 'string', arg: 'TÊN', help: 'users add: tên đăng nhập (chữ không dấu, số, . _ -)' },
  role: { type: 'string', arg: 'VAI_TRÒ', help: 'users add: quan_tri (quản trị), nhap_lieu (nhập liệu) hoặc chi_xem (chỉ xem)' },
  name: { type: 'string', arg: 'HỌ_TÊN', help: 'users add: họ tên người dùng (mặc định: tên đăng nhập)' },
  'keep-password': { type: 'boolean', help: 'users add: người dùng tự chọn mật khẩu trong tệp nên không phải đổi ở lần đăng nhập đầu (mặc định: phải đổi)' },
  help: { type: 'boolean', short: 'h', help: 'Hiện hướng dẫn này' },
} as const;

export type OptionName = keyof typeof OPTIONS;
/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionName[] = ['data-dir', 'database', 'database-password-file', 'json', 'help'];

/** The parsed command line, as every command receives it. */
export interface Options {
  dataDir: string;
  /** The PostgreSQL server of --database, which holds the real data instead of the folder's file. */
  server?: PostgresSource;
  json: boolean;
  demo: boolean;
  scale?: string;
  people?: string;
  seed?: string;
  /** The one FILE argument of commands that take it (verify, restore, import). */
  file?: string;
  /** The run id argument of undo-import. */
  runId?: string;
  /** The register argument of commands that take it (export, import). */
  register?: string;
  /** The one --to of the commands that write a file. */
  to?: string;
  /** Every --to given (report takes an end date and a file). */
  toValues?: string[];
  from?: string;
  wards?: string[];
  format?: string;
  scenario?: string;
  filter?: string;
  columns?: string;
  round?: string;
  sheet?: string;
  mapping?: string;
  dryRun?: boolean;
  addMissing?: boolean;
  likelyDuplicates?: string;
  invalidId?: string;
  passwordFile?: string;
  yes?: boolean;
  /** The words after a command that takes them (users: the action and a username). */
  words?: string[];
  username?: string;
  role?: string;
  name?: string;
  keepPassword?: boolean;
}

/** What a command prints: lines for people, one object for `--json`. */
export interface Output {
  lines: string[];
  json: Record<string, unknown>;
  /** A run that did its work but has something to tell a script (import: rows left out). */
  exitCode?: number;
}

export interface Command {
  args?: string;
  summary: string;
  /** Besides the global --data-dir, --json and --help. */
  options: OptionName[];
  /** Takes --to more than once (report: the period's end date and the file). */
  takesManyTo?: boolean;
  /** Positional arguments, in this order: a run id, a register, a file. */
  takesRunId?: boolean;
  takesRegister?: boolean;
  takesFile?: boolean;
  /** Takes the words after it as they are (users add|list|disable|enable|unlock|reset-password [U]). */
  takesWords?: boolean;
  run(options: Options): Promise<Output>;
}
