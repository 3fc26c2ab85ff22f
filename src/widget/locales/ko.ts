/** Korean UI strings, a chunk of their own: loaded only on pages that ask for Korean. */
import type { Strings } from './en.js';

const ko: Strings = {
  launcher: '음성으로 문의하기',
  close: '닫기',
  call: '통화 시작',
  end: '통화 종료',
  mute: '마이크 끄기',
  unmute: '마이크 켜기',
  retry: '다시 시도',
  retryIn: (seconds: number) => `${seconds}초 후 다시 시도`,
  agree: '동의하고 통화하기',
  decline: '나중에',
  consent: '이 통화는 마이크를 사용합니다. 연결하기 전에 동의해 주세요.',
  signIn: '이 어시스턴트와 대화하려면 로그인해 주세요.',
  transcript: '대화 기록',
  you: '나',
  meter: '오디오 레벨',
  elapsed: '통화 시간',
  remaining: (seconds: number) => `${seconds}초 남음`,
  status: {
    idle: '',
    loading: '불러오는 중…',
    ready: '준비되면 시작하세요.',
    unavailable: '지금은 이용할 수 없습니다.',
    connecting: '연결 중…',
    ringing: '신호가 가는 중…',
    connected: '연결되었습니다. 말씀하세요.',
    reconnecting: '연결이 끊겼습니다. 다시 연결하는 중…',
    ended: '통화가 종료되었습니다.',
    error: '문제가 발생했습니다.',
  },
  errors: {
    invalid_key: '이 웹사이트에 어시스턴트가 올바르게 설정되지 않았습니다.',
    secret_key_in_page: '이 웹사이트에 어시스턴트가 올바르게 설정되지 않았습니다.',
    origin_not_allowed: '이 웹사이트는 이 어시스턴트를 사용할 수 없습니다.',
    key_disabled: '이 웹사이트에서 어시스턴트가 비활성화되었습니다.',
    agent_not_found: '어시스턴트를 찾을 수 없습니다.',
    agent_not_active: '이 어시스턴트는 지금 통화를 받지 않습니다.',
    widget_disabled: '이 어시스턴트는 웹에서 이용할 수 없습니다.',
    sign_in_required: '이 어시스턴트와 대화하려면 로그인해 주세요.',
    rate_limited: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
    cost_cap: '지금은 모든 회선이 통화 중입니다. 나중에 다시 시도해 주세요.',
    network: '서버에 연결할 수 없습니다. 인터넷 연결을 확인하고 다시 시도해 주세요.',
    server_error: '서버에 문제가 발생했습니다. 다시 시도해 주세요.',
    invalid_response: '서버에서 예상치 못한 응답을 보냈습니다. 다시 시도해 주세요.',
    mic_denied: '마이크 접근이 차단되었습니다. 브라우저의 사이트 설정에서 허용한 후 다시 시도해 주세요.',
    mic_unavailable:
      '사용할 수 있는 마이크가 없습니다. 마이크가 연결되어 있고 다른 곳에서 사용 중이 아닌지 확인한 후 다시 시도해 주세요.',
    browser_unsupported:
      '이 브라우저는 음성 통화를 지원하지 않습니다. 최신 Chrome, Edge, Firefox 또는 Safari를 사용해 주세요.',
    call_failed: '통화를 연결할 수 없습니다. 다시 시도해 주세요.',
    call_dropped: '통화가 끊겼습니다. 다시 시도해 주세요.',
  },
};

export default ko;
