/** Vietnamese UI strings, a chunk of their own: loaded only on pages that ask for Vietnamese. */
import type { Strings } from './en.js';

const vi: Strings = {
  launcher: 'Trò chuyện với chúng tôi',
  close: 'Đóng',
  call: 'Bắt đầu cuộc gọi',
  end: 'Kết thúc cuộc gọi',
  mute: 'Tắt micrô',
  unmute: 'Bật micrô',
  retry: 'Thử lại',
  retryIn: (seconds: number) => `Thử lại sau ${seconds} giây`,
  agree: 'Đồng ý và gọi',
  decline: 'Để sau',
  consent: 'Cuộc gọi này sử dụng micrô của bạn. Vui lòng đồng ý trước khi chúng tôi kết nối.',
  signIn: 'Vui lòng đăng nhập để trò chuyện với trợ lý này.',
  transcript: 'Bản ghi cuộc gọi',
  you: 'Bạn',
  meter: 'Mức âm thanh',
  elapsed: 'Thời gian gọi',
  remaining: (seconds: number) => `Còn ${seconds} giây`,
  status: {
    idle: '',
    loading: 'Đang tải…',
    ready: 'Sẵn sàng khi bạn cần.',
    unavailable: 'Hiện không khả dụng.',
    connecting: 'Đang kết nối…',
    ringing: 'Đang đổ chuông…',
    connected: 'Đã kết nối. Mời bạn nói.',
    reconnecting: 'Mất kết nối. Đang kết nối lại…',
    ended: 'Cuộc gọi đã kết thúc.',
    error: 'Đã xảy ra sự cố.',
  },
  errors: {
    invalid_key: 'Trợ lý này chưa được thiết lập đúng trên trang web này.',
    secret_key_in_page: 'Trợ lý này chưa được thiết lập đúng trên trang web này.',
    origin_not_allowed: 'Trang web này không được phép sử dụng trợ lý này.',
    key_disabled: 'Trợ lý này đã bị tắt cho trang web này.',
    agent_not_found: 'Không tìm thấy trợ lý này.',
    agent_not_active: 'Trợ lý này hiện không nhận cuộc gọi.',
    widget_disabled: 'Trợ lý này không khả dụng trên web.',
    sign_in_required: 'Vui lòng đăng nhập để trò chuyện với trợ lý này.',
    rate_limited: 'Quá nhiều yêu cầu. Vui lòng đợi một chút rồi thử lại.',
    cost_cap: 'Tất cả các đường dây đều bận. Vui lòng thử lại sau.',
    network: 'Không thể kết nối tới máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.',
    server_error: 'Máy chủ gặp sự cố. Vui lòng thử lại.',
    invalid_response: 'Máy chủ trả về phản hồi không mong đợi. Vui lòng thử lại.',
    mic_denied:
      'Quyền truy cập micrô đã bị chặn. Hãy cho phép trong phần cài đặt trang web của trình duyệt rồi thử lại.',
    mic_unavailable:
      'Không dùng được micrô nào. Hãy kiểm tra micrô đã được kết nối và không bị ứng dụng khác sử dụng, rồi thử lại.',
    browser_unsupported:
      'Trình duyệt này không hỗ trợ gọi thoại. Vui lòng dùng phiên bản mới của Chrome, Edge, Firefox hoặc Safari.',
    call_failed: 'Không thể kết nối cuộc gọi. Vui lòng thử lại.',
    call_dropped: 'Cuộc gọi bị gián đoạn. Vui lòng thử lại.',
  },
  conversation: {
    typeInstead: 'Tiếp tục bằng cách nhập',
    typeInsteadHint: 'Bạn vẫn nghe được trợ lý và có thể trả lời bằng văn bản.',
    message: 'Tin nhắn',
    placeholder: 'Nhập tin nhắn…',
    send: 'Gửi',
  },
};

export default vi;
