/** Vietnamese UI text: the words of ../shared/docs/UI.md, one word for one thing. */
export const vi = {
  app: { name: 'Sổ theo dõi phong trào toàn dân bảo vệ ANTQ', short: 'Phong trào toàn dân bảo vệ ANTQ', demoBanner: 'DỮ LIỆU MẪU (THỬ NGHIỆM) — không phải dữ liệu thật', backToReal: 'Về dữ liệu thật', language: 'Ngôn ngữ', dataFile: 'Tệp dữ liệu' },
  nav: { home: 'Tổng quan', models: 'Mô hình tự quản', catalogues: 'Danh mục' },
  welcome: {
    title: 'Chào mừng đồng chí đến với Sổ theo dõi phong trào',
    intro: 'Ứng dụng chạy hoàn toàn trên máy này, không cần Internet. Dữ liệu được lưu trong một tệp trên máy:',
    startEmpty: 'Bắt đầu nhập dữ liệu thật',
    openDemo: 'Xem thử với dữ liệu mẫu',
    demoNote: 'Dữ liệu mẫu được lưu ở tệp riêng, không bao giờ trộn vào dữ liệu thật.',
  },
  common: {
    add: 'Thêm mới', save: 'Lưu', cancel: 'Hủy', close: 'Đóng', edit: 'Sửa', remove: 'Xóa', search: 'Tìm kiếm', filter: 'Lọc',
    all: 'Tất cả', saved: 'Đã lưu.', loading: 'Đang tải…', none: 'Chưa có', yes: 'Đồng ý', trash: 'Xóa (chuyển vào Thùng rác)',
    trashBin: 'Thùng rác', restore: 'Khôi phục', confirm: 'Xác nhận', error: 'Không thực hiện được', print: 'In', exportExcel: 'Xuất Excel',
    discardTitle: 'Bỏ các thay đổi chưa lưu?', discardText: 'Biểu mẫu có thay đổi chưa được lưu. Nếu đóng, các thay đổi này sẽ mất.',
    discard: 'Bỏ thay đổi', keepEditing: 'Tiếp tục sửa', active: 'Đang sử dụng', inactive: 'Ngừng sử dụng', note: 'Ghi chú',
    showing: 'Hiển thị {{shown}} / {{total}} {{what}}', dateHint: 'ngày/tháng/năm, ví dụ 25/10/2018', actions: 'Thao tác',
  },
  status: { hoat_dong: 'Hoạt động', tam_ngung: 'Tạm ngưng', giai_the: 'Giải thể' },
  rating: { tot: 'Tốt', kha: 'Khá', trung_binh: 'Trung bình', yeu: 'Yếu' },
  models: {
    title: 'Mô hình tự quản, tự phòng', unit: 'mô hình', searchPlaceholder: 'Tìm theo tên, địa chỉ, người phụ trách… (Ctrl+F)',
    name: 'Tên mô hình', type: 'Loại mô hình', ward: 'Phường', neighbourhood: 'Khu phố', address: 'Địa chỉ', foundedOn: 'Ngày thành lập',
    foundingDecision: 'Quyết định thành lập', leaderName: 'Tổ trưởng / Người phụ trách', leaderPhone: 'Điện thoại liên hệ', status: 'Tình trạng',
    memberCount: 'Số thành viên', latestRating: 'Xếp loại gần nhất', updatedAt: 'Cập nhật', new: 'Thêm mô hình mới', trashed: 'Thùng rác',
    countsByType: 'Theo loại mô hình', countsByWard: 'Theo phường', totalMembers: 'Tổng số thành viên', deletedAt: 'Ngày xóa',
    trashConfirm: 'Chuyển mô hình "{{name}}" vào Thùng rác? Có thể khôi phục lại từ Thùng rác.', trashedDone: 'Đã chuyển vào Thùng rác.',
    restoredDone: 'Đã khôi phục mô hình.', createdDone: 'Đã thêm mô hình.', empty: 'Chưa có mô hình nào. Bấm "Thêm mới" để nhập mô hình đầu tiên.',
    inTrash: 'Mô hình này đang ở Thùng rác.', changeStatus: 'Đổi tình trạng', changedOn: 'Ngày thay đổi', reason: 'Lý do',
    statusHistory: 'Lịch sử tình trạng', statusChanged: 'Đã đổi tình trạng.',
  },
  tabs: { general: 'Thông tin chung', members: 'Thành viên', evaluations: 'Đánh giá năm', history: 'Lịch sử' },
  members: { fullName: 'Họ và tên', role: 'Chức vụ trong mô hình', phone: 'Điện thoại', address: 'Địa chỉ', add: 'Thêm thành viên', empty: 'Chưa có thành viên.', removeConfirm: 'Xóa thành viên "{{name}}" khỏi danh sách?' },
  evaluations: {
    year: 'Năm', rating: 'Xếp loại', tipsPassed: 'Tin báo cung cấp', offendersCaught: 'Đối tượng bắt giữ', incidentsPrevented: 'Vụ việc ngăn chặn',
    notes: 'Kết quả đạt được', add: 'Thêm đánh giá năm', empty: 'Chưa có đánh giá năm.', removeConfirm: 'Xóa đánh giá năm {{year}}?',
  },
  history: { at: 'Thời điểm', user: 'Người thực hiện', action: 'Thao tác', create: 'Thêm mới', update: 'Sửa', trash: 'Xóa (vào Thùng rác)', restore: 'Khôi phục', status: 'Đổi tình trạng', view: 'Xem', delete: 'Xóa hẳn', empty: 'Chưa có lịch sử.' },
  catalogues: {
    title: 'Danh mục', wards: 'Phường (đơn vị)', neighbourhoods: 'Khu phố', modelTypes: 'Loại mô hình', parentUnit: 'Đơn vị cấp trên',
    name: 'Tên', description: 'Mô tả', addWard: 'Thêm phường', addNeighbourhood: 'Thêm khu phố', addModelType: 'Thêm loại mô hình',
    pickWard: 'Chọn phường để xem khu phố', wardsHint: 'Danh sách phường có thể giữ cả đơn vị cũ (trước sáp nhập 01/07/2025) cho hồ sơ cũ: đánh dấu "Ngừng sử dụng" thay vì xóa.',
  },
  home: { title: 'Tổng quan', models: 'Mô hình tự quản', members: 'Thành viên mô hình', evaluations: 'Lượt đánh giá năm', byType: 'Mô hình theo loại', byWard: 'Mô hình theo phường', byStatus: 'Mô hình theo tình trạng' },
};
export type Messages = typeof vi;
