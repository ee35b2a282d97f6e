// The remediation catalogue in Korean, written for Korean engineers rather than translated line by
// line. Citations are in catalogue.ts (CITATIONS). After a filled-in value (a path, a variable
// name) only particles that do not depend on how the value is read aloud (에, 에서, 인) are used.
import type { ArticleSection, Guidance } from './catalogue.js';

const SECTION_TITLES: Record<Exclude<ArticleSection, number>, string> = {
  compromised: '“키가 유출되었을 수 있는 경우”',
  partnership: '“GitHub 파트너십”',
};

const DELETING_IS_NOT_ENOUGH = {
  commit: ' 커밋을 푸시한 뒤에는 지워도 그 커밋에 키가 남습니다.',
  text: ' 다른 사람이 읽을 수 있는 곳에 올라간 키이므로 이미 유출된 것으로 보아야 합니다.',
  none: '',
} as const;

export const guidanceKo: Guidance = {
  cite: (sections) =>
    `가이드 ${sections.map((s) => (typeof s === 'number' ? `§${s}` : SECTION_TITLES[s])).join(', ')}`,
  projectCite: 'git 기록에 대한 api-key-guard의 권장 사항',

  now: {
    revoke: (f, { inCommits }) =>
      `${f.strong('무엇보다 먼저 노출된 키를 모두 폐기하고 새 키를 재발급하십시오.')} ` +
      (inCommits
        ? '해당 줄을 지우는 것만으로는 부족합니다. 키가 이미 푸시된 커밋에 들어 있으므로 유출된 것으로 보아야 합니다.'
        : '다른 사람이 읽을 수 있는 곳에 올라간 키이므로 유출된 것으로 보아야 합니다.'),
    discussion: (f) =>
      `${f.strong('풀 리퀘스트 제목, 설명 또는 댓글에서 키를 지우십시오.')} GitHub는 수정 기록을 남기므로 풀 리퀘스트를 볼 수 있는 사람은 누구나 이전 내용을 확인할 수 있습니다. 그래서 키 폐기가 먼저입니다.`,
    'untrack-file': (f, { command, dotenv }) =>
      `${f.strong('커밋된 비밀 파일을 git 추적 대상에서 빼십시오.')} ${command} 명령을 실행한 뒤 해당 파일을 ${f.code('.gitignore')}에 추가해 다시 커밋되지 않게 합니다.` +
      (dotenv
        ? ` 필요한 변수 이름은 자리표시자 값만 넣은 ${f.code('.env.example')} 파일로 공유하십시오.`
        : ''),
    'ci-secret': (f, { files, reference }) =>
      `${f.strong('CI 설정 파일에는 키 값을 쓰지 말고 CI의 암호화된 시크릿을 사용하십시오.')} 새 키를 CI 설정에 시크릿으로 저장한 뒤 ${files} 파일에서는 이름으로만 참조합니다(예: ${reference}).`,
    'docker-build': (f, { buildSecret, runtime }) =>
      `${f.strong('Dockerfile의 ENV나 ARG에 키를 넣지 마십시오.')} 둘 다 이미지와 이미지 기록에 그대로 남습니다. 키가 필요한 단계에만 빌드 시크릿으로 전달하거나(${buildSecret}), 컨테이너를 실행할 때 넘기십시오(${runtime}).`,
    environment: (f, { envVars }) =>
      `${f.strong('새 키는 코드가 아니라 시크릿으로 관리하십시오.')} 환경 변수(${envVars})에서 읽고, 코드가 실행되는 곳에서는 시크릿 관리 서비스로 그 값을 채우십시오. AWS Secrets Manager, Google Secret Manager, Azure Key Vault, 호스팅 서비스의 환경 변수 설정, GitHub Actions의 저장소 시크릿 등을 쓸 수 있습니다.`,
    history: (f) =>
      `${f.strong('마지막으로 키가 기본 브랜치에 들어가지 않게 하십시오.')} 줄을 지워도 키를 추가한 커밋은 브랜치 기록과 포크에 남습니다. 해당 커밋을 다시 작성하거나(${f.code('git rebase -i')} 후 강제 푸시) 스쿼시 병합하십시오.`,
  },

  line: {
    revoke: (_f, { provider, keyPage, exposure, wholeFile }) =>
      (wholeFile
        ? '이 파일에 든 키와 비밀번호를 각각 발급한 곳에서 모두 폐기하고 새로 발급받으십시오.'
        : keyPage
          ? `지금 ${keyPage} 페이지에서 이 ${provider} 키를 폐기하고 새 키를 재발급하십시오.`
          : '이 자격 증명을 발급한 곳에서 지금 폐기(또는 비밀번호 변경)하고 새로 발급받으십시오.') +
      DELETING_IS_NOT_ENOUGH[exposure],
    discussion: () =>
      '텍스트에서 키를 지우십시오. GitHub에는 수정 기록이 남아 이전 내용을 계속 볼 수 있으므로 키 폐기가 먼저입니다.',
    'untrack-file': (f, { file, command, ignoreEntry, dotenv }) =>
      dotenv
        ? `${command} 명령으로 ${file} 파일을 git 추적 대상에서 빼고, ${ignoreEntry} 항목을 ${f.code('.gitignore')}에 추가하십시오. 저장소에는 자리표시자 값만 담은 ${f.code('.env.example')} 파일을 두면 됩니다.`
        : `${command} 명령으로 이 파일을 git 인덱스에서 제거하고, ${ignoreEntry} 항목을 ${f.code('.gitignore')}에 추가하십시오.`,
    'ci-secret': (_f, { reference }) =>
      `새 키는 CI 설정에 암호화된 시크릿으로 저장하고, 이 파일에서는 이름으로만 참조하십시오(${reference}). 키 값을 파일에 직접 쓰면 안 됩니다.`,
    'docker-build': (_f, { buildSecret, runtime }) =>
      `ENV나 ARG에 키를 넣지 마십시오. 둘 다 이미지에 그대로 남습니다. 빌드 시크릿(${buildSecret})을 쓰거나 컨테이너 실행 시점에 전달하십시오(${runtime}).`,
    environment: (_f, { envVar, reference }) =>
      `새 키는 코드에 쓰지 말고 환경 변수 ${envVar}에서 읽으십시오. 값은 플랫폼의 시크릿 관리 기능으로 채웁니다(GitHub Actions: ${reference}).`,
    history: (f) =>
      `이후 커밋에서 키를 지웠지만, 키를 추가한 커밋은 브랜치 기록에 그대로 남아 있습니다. 키를 폐기한 뒤 브랜치를 다시 작성하거나(${f.code('git rebase -i')} 후 강제 푸시) 스쿼시 병합하십시오.`,
  },

  afterwards: {
    'never-share':
      '키를 공유하지 마십시오. 채팅, 이슈, 이메일, 지원 티켓에도 올리지 말고, 접근이 필요한 사람은 각자 키를 발급받게 하십시오.',
    monitor: '제공업체 콘솔에서 키별 사용량과 로그를 정기적으로 확인하십시오.',
    'limit-spend':
      '사용량 및 지출 한도(또는 신중하게 정한 자동 충전 기준)를 설정해, 키가 유출되거나 스크립트가 폭주해도 요금이 한없이 쌓이지 않게 하십시오.',
    rotate: '키를 정기적으로 교체하십시오(예: 90일마다). 새 키를 만든 뒤 이전 키를 비활성화합니다.',
    separate:
      '개발, 테스트, 운영 환경에 각각 다른 키를 사용하십시오. 사용량을 구분할 수 있고, 키 하나가 유출되어도 한 용도만 영향을 받습니다.',
    scan: 'CI의 이 검사와 함께 코드 호스팅 서비스의 시크릿 스캔도 켜 두어, 키가 기본 브랜치에 들어가기 전에 잡히게 하십시오.',
    kms: '시크릿이 많아지면 키 관리 시스템(KMS)에서 한곳에 모아 관리하십시오. 접근 제어, 감사 기록, 키 교체를 함께 처리할 수 있습니다.',
  },

  suggestionNote: (f, note) => {
    switch (note.kind) {
      case 'import':
        return note.language === 'go'
          ? `아직 가져오지 않았다면 import 목록에 ${f.code(`"${note.module}"`)} 패키지를 추가하십시오.`
          : `파일에서 아직 ${f.code(note.module)} 모듈을 가져오지 않았다면 ${f.code(`import ${note.module}`)} 문을 추가하십시오.`;
      case 'rust-string':
        return `${f.code('std::env::var')} 함수는 ${f.code('String')} 값을 돌려주므로, ${f.code('&str')} 타입이 필요한 곳에서는 ${f.code('&')} 기호를 붙여 빌려 쓰십시오.`;
      case 'shell-reread':
        return `이제 이 대입문은 환경 변수 ${f.code(note.envVar)} 값을 다시 읽을 뿐입니다. 값은 스크립트 밖에서 설정하고 이 줄은 지우십시오.`;
      case 'terraform-sensitive':
        return `Terraform이 값을 가리도록 변수를 민감 정보로 선언하고(${f.code(`variable "${note.variable}" { sensitive = true }`)}), 값은 ${f.code(`TF_VAR_${note.variable}`)} 환경 변수로 설정하십시오.`;
      case 'workflow-secret':
        return `저장소의 Settings → Secrets and variables → Actions에서 이름이 ${f.code(note.name)}인 시크릿을 추가하십시오.`;
      case 'compose-env':
        return `${f.code(note.envVar)} 값은 환경 변수나, compose 파일 옆에 두고 git에서 제외한 ${f.code('.env')} 파일에 설정하십시오.`;
    }
  },
};
