/** Indonesian UI strings, a chunk of their own: loaded only on pages that ask for Indonesian. */
import type { Strings } from './en.js';

const id: Strings = {
  launcher: 'Bicara dengan kami',
  close: 'Tutup',
  call: 'Mulai panggilan',
  end: 'Akhiri panggilan',
  mute: 'Bisukan mikrofon',
  unmute: 'Aktifkan mikrofon',
  retry: 'Coba lagi',
  retryIn: (seconds: number) => `Coba lagi dalam ${seconds} dtk`,
  agree: 'Setuju dan mulai panggilan',
  decline: 'Nanti saja',
  consent: 'Panggilan ini menggunakan mikrofon Anda. Mohon berikan persetujuan sebelum kami menghubungkan Anda.',
  signIn: 'Silakan masuk untuk berbicara dengan asisten ini.',
  transcript: 'Transkrip',
  you: 'Anda',
  meter: 'Level audio',
  elapsed: 'Durasi panggilan',
  remaining: (seconds: number) => `Sisa ${seconds} dtk`,
  status: {
    idle: '',
    loading: 'Memuat…',
    ready: 'Siap kapan pun Anda mau.',
    unavailable: 'Sedang tidak tersedia.',
    connecting: 'Menghubungkan…',
    ringing: 'Berdering…',
    connected: 'Terhubung. Silakan bicara.',
    reconnecting: 'Koneksi terputus. Menghubungkan ulang…',
    ended: 'Panggilan berakhir.',
    error: 'Terjadi kesalahan.',
  },
  errors: {
    invalid_key: 'Asisten ini belum disiapkan dengan benar di situs web ini.',
    secret_key_in_page: 'Asisten ini belum disiapkan dengan benar di situs web ini.',
    origin_not_allowed: 'Situs web ini tidak diizinkan menggunakan asisten ini.',
    key_disabled: 'Asisten ini telah dinonaktifkan untuk situs web ini.',
    agent_not_found: 'Asisten ini tidak ditemukan.',
    agent_not_active: 'Asisten ini sedang tidak menerima panggilan.',
    widget_disabled: 'Asisten ini tidak tersedia di web.',
    sign_in_required: 'Silakan masuk untuk berbicara dengan asisten ini.',
    rate_limited: 'Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.',
    cost_cap: 'Semua saluran sedang sibuk. Silakan coba lagi nanti.',
    network: 'Server tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.',
    server_error: 'Server mengalami masalah. Silakan coba lagi.',
    invalid_response: 'Server mengirim respons yang tidak terduga. Silakan coba lagi.',
    mic_denied: 'Akses mikrofon diblokir. Izinkan di pengaturan situs browser Anda, lalu coba lagi.',
    mic_unavailable:
      'Tidak ada mikrofon yang dapat digunakan. Pastikan mikrofon terhubung dan tidak sedang dipakai, lalu coba lagi.',
    browser_unsupported:
      'Browser ini tidak mendukung panggilan suara. Silakan gunakan Chrome, Edge, Firefox, atau Safari versi terbaru.',
    call_failed: 'Panggilan tidak dapat tersambung. Silakan coba lagi.',
    call_dropped: 'Panggilan terputus. Silakan coba lagi.',
  },
};

export default id;
