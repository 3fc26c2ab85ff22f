/** Japanese UI strings, a chunk of their own: loaded only on pages that ask for Japanese. */
import type { Strings } from './en.js';

const ja: Strings = {
  launcher: '音声で相談する',
  close: '閉じる',
  call: '通話を開始',
  end: '通話を終了',
  mute: 'マイクをミュート',
  unmute: 'ミュートを解除',
  retry: '再試行',
  retryIn: (seconds: number) => `${seconds}秒後に再試行`,
  agree: '同意して通話する',
  decline: '今はしない',
  consent: 'この通話ではマイクを使用します。接続する前に同意をお願いします。',
  signIn: 'このアシスタントと話すにはサインインしてください。',
  transcript: '文字起こし',
  you: 'あなた',
  meter: '音量レベル',
  elapsed: '通話時間',
  remaining: (seconds: number) => `残り${seconds}秒`,
  status: {
    idle: '',
    loading: '読み込み中…',
    ready: '準備ができたらどうぞ。',
    unavailable: '現在ご利用いただけません。',
    connecting: '接続中…',
    ringing: '呼び出し中…',
    connected: '接続しました。お話しください。',
    reconnecting: '接続が切れました。再接続しています…',
    ended: '通話が終了しました。',
    error: '問題が発生しました。',
  },
  errors: {
    invalid_key: 'このサイトではアシスタントが正しく設定されていません。',
    secret_key_in_page: 'このサイトではアシスタントが正しく設定されていません。',
    origin_not_allowed: 'このサイトはこのアシスタントの利用を許可されていません。',
    key_disabled: 'このサイトではアシスタントが無効になっています。',
    agent_not_found: 'アシスタントが見つかりませんでした。',
    agent_not_active: 'このアシスタントは現在通話を受け付けていません。',
    widget_disabled: 'このアシスタントはウェブではご利用いただけません。',
    sign_in_required: 'このアシスタントと話すにはサインインしてください。',
    rate_limited: 'リクエストが多すぎます。しばらく待ってから再試行してください。',
    cost_cap: 'ただいま回線が混み合っています。後ほどもう一度お試しください。',
    network: 'サーバーに接続できませんでした。接続を確認して、もう一度お試しください。',
    server_error: 'サーバーで問題が発生しました。もう一度お試しください。',
    invalid_response: 'サーバーから予期しない応答がありました。もう一度お試しください。',
    mic_denied:
      'マイクへのアクセスがブロックされています。ブラウザのサイト設定で許可してから、もう一度お試しください。',
    mic_unavailable:
      '使用できるマイクがありません。マイクが接続され、他で使用されていないことを確認してから、もう一度お試しください。',
    browser_unsupported:
      'このブラウザは音声通話に対応していません。最新の Chrome、Edge、Firefox、Safari をお試しください。',
    call_failed: '通話を接続できませんでした。もう一度お試しください。',
    call_dropped: '通話が切断されました。もう一度お試しください。',
  },
  conversation: {
    typeInstead: '文字入力で続ける',
    typeInsteadHint: 'アシスタントの声を聞きながら、文字で返答できます。',
    message: 'メッセージ',
    placeholder: 'メッセージを入力…',
    send: '送信',
  },
};

export default ja;
