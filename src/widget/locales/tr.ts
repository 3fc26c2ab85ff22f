/** Turkish UI strings, a chunk of their own: loaded only on pages that ask for Turkish. */
import type { Strings } from './en.js';

const tr: Strings = {
  launcher: 'Bizimle konuşun',
  close: 'Kapat',
  call: 'Aramayı başlat',
  end: 'Aramayı bitir',
  mute: 'Mikrofonu kapat',
  unmute: 'Mikrofonu aç',
  retry: 'Tekrar dene',
  retryIn: (seconds: number) => `${seconds} sn sonra tekrar dene`,
  agree: 'Kabul et ve ara',
  decline: 'Şimdi değil',
  consent: 'Bu arama mikrofonunuzu kullanır. Sizi bağlamadan önce lütfen onay verin.',
  signIn: 'Bu asistanla konuşmak için lütfen oturum açın.',
  transcript: 'Konuşma dökümü',
  you: 'Siz',
  meter: 'Ses seviyesi',
  elapsed: 'Arama süresi',
  remaining: (seconds: number) => `${seconds} sn kaldı`,
  status: {
    idle: '',
    loading: 'Yükleniyor…',
    ready: 'Hazır olduğunuzda başlayabilirsiniz.',
    unavailable: 'Şu anda kullanılamıyor.',
    connecting: 'Bağlanıyor…',
    ringing: 'Çalıyor…',
    connected: 'Bağlandı. Konuşabilirsiniz.',
    reconnecting: 'Bağlantı koptu. Yeniden bağlanıyor…',
    ended: 'Arama sona erdi.',
    error: 'Bir sorun oluştu.',
  },
  errors: {
    invalid_key: 'Bu asistan bu web sitesinde doğru şekilde ayarlanmamış.',
    secret_key_in_page: 'Bu asistan bu web sitesinde doğru şekilde ayarlanmamış.',
    origin_not_allowed: 'Bu web sitesinin bu asistanı kullanma izni yok.',
    key_disabled: 'Bu asistan bu web sitesi için kapatıldı.',
    agent_not_found: 'Bu asistan bulunamadı.',
    agent_not_active: 'Bu asistan şu anda arama kabul etmiyor.',
    widget_disabled: 'Bu asistan web üzerinde kullanılamıyor.',
    sign_in_required: 'Bu asistanla konuşmak için lütfen oturum açın.',
    rate_limited: 'Çok fazla istek gönderildi. Lütfen biraz bekleyip tekrar deneyin.',
    cost_cap: 'Tüm hatlar şu anda dolu. Lütfen daha sonra tekrar deneyin.',
    network: 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
    server_error: 'Sunucuda bir sorun oluştu. Lütfen tekrar deneyin.',
    invalid_response: 'Sunucu beklenmeyen bir yanıt gönderdi. Lütfen tekrar deneyin.',
    mic_denied: 'Mikrofon erişimi engellendi. Tarayıcınızın site ayarlarından izin verip tekrar deneyin.',
    mic_unavailable:
      'Kullanılabilecek mikrofon bulunamadı. Bir mikrofonun bağlı ve boşta olduğunu kontrol edip tekrar deneyin.',
    browser_unsupported:
      'Bu tarayıcı sesli arama yapamıyor. Lütfen Chrome, Edge, Firefox veya Safari’nin güncel bir sürümünü deneyin.',
    call_failed: 'Arama bağlanamadı. Lütfen tekrar deneyin.',
    call_dropped: 'Arama kesildi. Lütfen tekrar deneyin.',
  },
};

export default tr;
