/** Portuguese UI strings, a chunk of their own: loaded only on pages that ask for Portuguese. */
import type { Strings } from './en.js';

const pt: Strings = {
  launcher: 'Fale conosco',
  close: 'Fechar',
  call: 'Iniciar chamada',
  end: 'Encerrar chamada',
  mute: 'Desativar microfone',
  unmute: 'Ativar microfone',
  retry: 'Tentar novamente',
  retryIn: (seconds: number) => `Tentar novamente em ${seconds} s`,
  agree: 'Aceitar e ligar',
  decline: 'Agora não',
  consent: 'Esta chamada usa o seu microfone. Dê o seu consentimento antes de conectarmos você.',
  signIn: 'Entre na sua conta para falar com este assistente.',
  transcript: 'Transcrição',
  you: 'Você',
  meter: 'Nível de áudio',
  elapsed: 'Duração da chamada',
  remaining: (seconds: number) => `Faltam ${seconds} s`,
  status: {
    idle: '',
    loading: 'Carregando…',
    ready: 'Pronto quando você estiver.',
    unavailable: 'Indisponível no momento.',
    connecting: 'Conectando…',
    ringing: 'Chamando…',
    connected: 'Conectado. Pode falar.',
    reconnecting: 'Conexão perdida. Reconectando…',
    ended: 'Chamada encerrada.',
    error: 'Algo deu errado.',
  },
  errors: {
    invalid_key: 'Este assistente não está configurado corretamente neste site.',
    secret_key_in_page: 'Este assistente não está configurado corretamente neste site.',
    origin_not_allowed: 'Este site não tem permissão para usar este assistente.',
    key_disabled: 'Este assistente foi desativado para este site.',
    agent_not_found: 'Não foi possível encontrar este assistente.',
    agent_not_active: 'Este assistente não está atendendo chamadas agora.',
    widget_disabled: 'Este assistente não está disponível na web.',
    sign_in_required: 'Entre na sua conta para falar com este assistente.',
    rate_limited: 'Muitas solicitações. Aguarde um momento e tente novamente.',
    cost_cap: 'Todas as linhas estão ocupadas. Tente novamente mais tarde.',
    network: 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
    server_error: 'O servidor teve um problema. Tente novamente.',
    invalid_response: 'O servidor enviou uma resposta inesperada. Tente novamente.',
    mic_denied:
      'O acesso ao microfone foi bloqueado. Permita-o nas configurações do site no navegador e tente novamente.',
    mic_unavailable: 'Nenhum microfone pôde ser usado. Verifique se há um conectado e livre e tente novamente.',
    browser_unsupported:
      'Este navegador não faz chamadas de voz. Use uma versão atual do Chrome, Edge, Firefox ou Safari.',
    call_failed: 'Não foi possível conectar a chamada. Tente novamente.',
    call_dropped: 'A chamada caiu. Tente novamente.',
  },
};

export default pt;
