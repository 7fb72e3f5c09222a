// The executives' dashboard: reads the gateway's own API and draws it with ECharts (served by the gateway).
(function () {
  'use strict';

  const TEXT = {
    zh: {
      title: 'AI 转化看板', subtitle: 'AI 是否转化为用户、用量与云收入？以云收入占集团收入 11% 为基线。',
      period: '期间', demoNotice: '演示数据：真实数据仅有阿里巴巴集团截至 2024 年 12 月 31 日止季度（FY2025-Q3）业绩中的集团与云收入、千问衍生模型数与百炼用户数（文章引用了其中的云收入），以及源文章（2025-05-07）提及的模型、应用、AI 功能与被投公司；其余数据均为合成数据（synthetic）。',
      cloudShare: '云收入占比', gap: '较 11% 基线', aiRevenue: 'AI 归因收入', cash: '现金', voucher: '代金券',
      aiMargin: 'AI 毛利（现金 − 资源成本）', marginPerMillion: '每百万 token 毛利', shareWithoutAi: '无 AI 时的云占比', resolution: '解决率',
      chartShare: '云收入占集团收入（按季度）与 11% 基线', chartAiRevenue: 'AI 收入：现金与代金券',
      chartToB: 'To-B 漏斗（对数刻度）', chartToC: 'To-C 漏斗', alerts: '虚荣指标预警：量升而质不升',
      scorecards: '业务单元记分卡', bu: '业务单元', aiFeatures: 'AI 功能', aiSessions: 'AI 会话', conversions: '转化',
      tokens: 'Token', cloudSpend: '云支出（元）', footer: '数据来源：tongyi-service、quark-service、cloud-billing-service，经网关汇总。',
      baseline: '11% 基线', share: '云占比', noAlerts: '本期无虚荣指标预警。', breakevenYes: '已达 AI 盈亏平衡',
      breakevenNo: '未达 AI 盈亏平衡', previous: '上期', current: '本期', incomplete: '部分数据源未响应，缺失的数字显示为 —。',
      derivativeModels: '衍生模型', customersOnboarded: '接入客户', customersWithUsage: '有用量客户',
      payingCustomers: '付费客户', tokensStage: 'Token 用量', maasRevenue: 'MaaS 收入（元）',
      mau: '月活', aiUsers: 'AI 用户', resolvedSessions: '已解决会话', synthetic: '合成', signIn: '登录',
      signOut: '退出', username: '用户名', password: '密码', devLogin: '开发环境：已填入高管（executive）的开发凭据。',
      signInFailed: '用户名或密码不正确。', forbidden: '此账号无权查看高管视图。',
      signInIdp: '通过集团身份认证登录', signInIdpFailed: '登录未完成，请重试。', signInUnavailable: '身份认证服务暂不可用，请稍后再试。', sourceStatus: {
        OK: '正常', STALE: '缓存', UNAVAILABLE: '不可用', TIMEOUT: '超时', NOT_APPLICABLE: '不适用' },
      dataThrough: '数据截至', isFinal: '已定稿', notFinal: '未定稿', completenessUnknown: '完整度未知',
      provisional: '暂定：本期尚有数据源未定稿，数字可能变动。',
      figuresToB: 'To-B：各项独立数字（口径不同，并非漏斗）', figuresToC: 'To-C：用户与会话（两类口径，分开列示）',
      usersGroup: '用户', sessionsGroup: '会话', ofSessions: '占会话', reviews: '目标考核',
      reviewsHelp: '条形为实际值占目标的比例，竖线为目标（100%），菱形为按已过天数应达到的进度；带质量门槛的量指标在门槛未达标时不计分（灰色、标 ✕，悬停可见原因）。',
      score: '得分', scoreAtPace: '按进度得分', rank: '排名', group: '集团', noTargets: '本期没有生效的目标。',
      kpi: '指标', actual: '实际', target: '目标', expected: '按进度应达', status: '状态', counted: '计分',
      notCounted: '不计分', attainment: '达成率', pace: '进度', incompleteScope: '部分数据缺失',
      secOverview: '概览', secReviews: '考核', secUnits: '业务单元', secRetention: '留存', secRevenue: '收入', secModels: '模型',
      drillUp: '上一层', close: '关闭', drivers: '变化的驱动因素', member: '成员', before: '之前', after: '之后', contribution: '贡献',
      breakdown: '构成（点击进入下一层）', value: '数值', drillNone: '该指标暂无可下钻的数据。', overviewReview: '集团考核与状态变化',
      more: '详情', others: '其他', residual: '未分解部分', change: '变化', projection: '预测至期末', interval: '预测区间',
      statusChanges: '封存以来状态变化', noStatusChanges: '封存以来没有状态变化。', kpisChanged: (n) => `${n} 项指标数字有变化`,
      scopeLabel: { group: '集团', unit: '业务单元', app: '应用', feature: '功能', customer: '客户', customerKind: '客户类型',
        model: '模型', product: '产品', purpose: '用途', platform: '平台', revenue: '收入构成' },
      memberLabel: { 'ai-cash': 'AI 现金收入', 'ai-vouchers': 'AI 代金券收入', 'not-ai': '非 AI 云收入' },
      retention: '留存：AI 带来的用户是否留下来？', app: '应用', week4Retention: '第 4 周留存', aiLift: 'AI 留存提升',
      retentionHelp: '按首次出现的周（财年为月）分组的同期群；每格为该同期群在之后第 N 周（月）再次打开应用的比例，虚线框为尚未结束的周期。AI 用户：首周（月）有过 AI 会话的用户。AI 留存提升 = AI 用户第 4 周留存 − 其他用户第 4 周留存。',
      cohort: '同期群', offset: '之后第', week: '周', month: '月', cohortUsers: '人', retentionAi: 'AI 用户', retentionNonAi: '其他用户',
      retentionAll: '全部用户', retentionCurves: '平均留存曲线（已结束的周期）', retentionHeatmap: '同期群留存热力图', partial: '未结束',
      noApps: '本期没有应用数据。', estimate: '估算值',
      ledgerCurrencies: (list) => '账本收入（均折合人民币）按结算币种：' + list,
      sealedBadge: (s) => `已封存 第 ${s.version} 版 · ${s.sealedAt.slice(0, 16).replace('T', ' ')} UTC · ${s.sealedBy}`
        + (s.forced ? ' · 强制封存' : '') + (s.reason ? ` · 理由：${s.reason}` : ''),
      liveProvisional: '实时 — 暂定', liveBadge: '实时（未封存）', showLive: '同时显示实时数字', liveValue: '实时值',
      changesSinceSeal: '封存以来的变化', sealedValue: '封存值', difference: '差异', causedBy: '原因来源',
      scopeCol: '范围', when: '时间', sourceCol: '来源', kindCol: '类型', dayCol: '涉及日期', cause: '原因',
      noChanges: '封存以来没有数字变化。', noCause: '未记录原因',
      changesSummary: (c) => `与第 ${c.version} 版封存相比：${c.kpis.length} 项指标变化，${c.causes.length} 条原因。`
        + (c.notFinalAtSeal.length ? ` 封存时未定稿：${c.notFinalAtSeal.map((n) => n.source + (n.dataThrough ? '（截至 ' + n.dataThrough + '）' : '')).join('、')}。` : ''),
      changeKind: { LATE_EVENTS: '迟到事件', DAY_SENT_AGAIN: '日数据重发', DAY_SENT: '日数据补发', IMPORT: '账单导入',
        CORRECTION: '账单更正', LEDGER_LINES: '账目行', REPORTED_REVENUE: '披露收入更新', TARGET_SET: '目标调整' },
      causeText: (c) => [c.subject, c.items != null ? `${c.items} 条` : null,
        c.oldVersion != null || c.newVersion != null ? `版本 ${c.oldVersion ?? '—'} → ${c.newVersion ?? '—'}` : null,
        c.ref ? `编号 ${c.ref}` : null, c.by ? `由 ${c.by}` : null].filter(Boolean).join(' · ')
    },
    en: {
      title: 'AI conversion dashboard', subtitle: 'Is AI turning into users, usage and cloud revenue? Measured against cloud at 11% of group revenue.',
      period: 'Period', demoNotice: 'Demo data: the only real figures are the group and cloud revenue and the Qwen derivative-model and Bailian user counts from Alibaba Group’s results for the quarter ended 31 December 2024 (2024-Q4 / FY2025-Q3; the article quotes the cloud revenue), and the models, apps, AI features and investees the source article (2025-05-07) names; every other figure is synthetic.',
      cloudShare: 'Cloud share of group revenue', gap: 'vs the 11% baseline', aiRevenue: 'AI-attributed revenue', cash: 'cash',
      voucher: 'vouchers', aiMargin: 'AI margin (cash − resource cost)', marginPerMillion: 'margin per million tokens', shareWithoutAi: 'Cloud share without AI',
      resolution: 'Resolution rate', chartShare: 'Cloud share of group revenue by quarter, against the 11% line',
      chartAiRevenue: 'AI revenue: cash and vouchers', chartToB: 'To-B funnel (log scale)', chartToC: 'To-C funnel',
      alerts: 'Vanity alerts: volume up, quality not', scorecards: 'Business-unit scorecards', bu: 'Business unit',
      aiFeatures: 'AI features', aiSessions: 'AI sessions', conversions: 'Conversions', tokens: 'Tokens',
      cloudSpend: 'Cloud spend (CNY)', footer: 'Sources: tongyi-service, quark-service, cloud-billing-service, combined by the gateway.',
      baseline: '11% baseline', share: 'cloud share', noAlerts: 'No vanity alerts this period.', breakevenYes: 'AI breakeven reached',
      breakevenNo: 'AI breakeven not reached', previous: 'previous', current: 'current',
      incomplete: 'Some sources did not answer; missing figures show as —.',
      derivativeModels: 'Derivative models', customersOnboarded: 'Customers onboarded', customersWithUsage: 'Customers with usage',
      payingCustomers: 'Paying customers', tokensStage: 'Tokens', maasRevenue: 'MaaS revenue (CNY)',
      mau: 'MAU', aiUsers: 'AI users', resolvedSessions: 'Resolved sessions', synthetic: 'synthetic', signIn: 'Sign in',
      signOut: 'Sign out', username: 'User name', password: 'Password',
      devLogin: 'Development run: the executive’s development credentials are filled in.',
      signInFailed: 'Wrong user name or password.', forbidden: 'This account may not read the executive view.',
      signInIdp: 'Sign in with the group\'s identity provider', signInIdpFailed: 'The sign-in did not complete; please try again.',
      signInUnavailable: 'The identity provider cannot be reached; please try again later.', sourceStatus: {
        OK: 'OK', STALE: 'stale', UNAVAILABLE: 'unavailable', TIMEOUT: 'timeout', NOT_APPLICABLE: 'n/a' },
      dataThrough: 'data through', isFinal: 'final', notFinal: 'not final', completenessUnknown: 'completeness unknown',
      provisional: 'Provisional: not every source is final for this period; figures may still change.',
      figuresToB: 'To-B: separate figures (different populations, not a funnel)',
      figuresToC: 'To-C: users and sessions (two populations, shown apart)',
      usersGroup: 'Users', sessionsGroup: 'Sessions', ofSessions: 'of sessions', reviews: 'Reviews against targets',
      reviewsHelp: 'Each bar is the actual as a share of its target, the line the target (100%), the diamond what the days elapsed call for; a volume target whose quality floor fails is not counted (grey, marked ✕; hover for why).',
      score: 'Score', scoreAtPace: 'at pace', rank: 'Rank', group: 'Group', noTargets: 'No targets in force for this period.',
      kpi: 'KPI', actual: 'Actual', target: 'Target', expected: 'Expected to date', status: 'Status', counted: 'Counted',
      notCounted: 'not counted', attainment: 'Attainment', pace: 'Pace', incompleteScope: 'figures missing',
      secOverview: 'Overview', secReviews: 'Reviews', secUnits: 'Units', secRetention: 'Retention', secRevenue: 'Revenue', secModels: 'Models',
      drillUp: 'Up a level', close: 'Close', drivers: 'What drove the change', member: 'Member', before: 'Before', after: 'After',
      contribution: 'Contribution', breakdown: 'Breakdown (click for the next level)', value: 'Value',
      drillNone: 'Nothing to drill into for this KPI yet.', overviewReview: 'The group\'s review and status changes', more: 'Details',
      others: 'Others', residual: 'Unexplained', change: 'Change', projection: 'Projected to the period end', interval: 'Projection interval',
      statusChanges: 'Status changes since the seal', noStatusChanges: 'No status has changed since the seal.',
      kpisChanged: (n) => `${n} KPI figure(s) changed`,
      scopeLabel: { group: 'Group', unit: 'Business unit', app: 'App', feature: 'Feature', customer: 'Customer',
        customerKind: 'Customer kind', model: 'Model', product: 'Product', purpose: 'Purpose', platform: 'Platform',
        revenue: 'Revenue' },
      memberLabel: { 'ai-cash': 'AI revenue in cash', 'ai-vouchers': 'AI revenue on vouchers', 'not-ai': 'Cloud revenue without AI' },
      retention: 'Retention: do the users AI brings stay?', app: 'App', week4Retention: 'Week-4 retention', aiLift: 'AI lift',
      retentionHelp: 'Cohorts by the week (the month, for a fiscal year) users were first seen; each cell is the share of the cohort that opened the app again N weeks (months) later, dashed while that window runs. AI users: an AI session in their first week (month). AI lift = week-4 retention of AI users − that of the others.',
      cohort: 'Cohort', offset: 'later', week: 'week', month: 'month', cohortUsers: 'users', retentionAi: 'AI users', retentionNonAi: 'Others',
      retentionAll: 'All users', retentionCurves: 'Mean retention curve (windows ended)', retentionHeatmap: 'Retention by cohort', partial: 'running',
      noApps: 'No app figures in this period.', estimate: 'estimate',
      ledgerCurrencies: (list) => 'Ledger revenue (all in CNY) by billed currency: ' + list,
      sealedBadge: (s) => `Sealed version ${s.version} · ${s.sealedAt.slice(0, 16).replace('T', ' ')} UTC · by ${s.sealedBy}`
        + (s.forced ? ' · forced' : '') + (s.reason ? ` · reason: ${s.reason}` : ''),
      liveProvisional: 'Live — provisional', liveBadge: 'Live (not sealed)', showLive: 'Show the live figures beside the sealed ones',
      liveValue: 'Live', changesSinceSeal: 'Changes since the seal', sealedValue: 'Sealed', difference: 'Difference',
      causedBy: 'Caused by', scopeCol: 'Scope', when: 'When', sourceCol: 'Source', kindCol: 'Kind', dayCol: 'Day',
      cause: 'Cause', noChanges: 'No figure has changed since the seal.', noCause: 'no cause recorded',
      changesSummary: (c) => `Against sealed version ${c.version}: ${c.kpis.length} KPI(s) changed, ${c.causes.length} cause(s) listed.`
        + (c.notFinalAtSeal.length ? ` Not final at the seal: ${c.notFinalAtSeal.map((n) => n.source + (n.dataThrough ? ' (through ' + n.dataThrough + ')' : '')).join(', ')}.` : ''),
      changeKind: { LATE_EVENTS: 'late events', DAY_SENT_AGAIN: 'day sent again', DAY_SENT: 'day sent late', IMPORT: 'billing import',
        CORRECTION: 'billing correction', LEDGER_LINES: 'ledger lines', REPORTED_REVENUE: 'reported revenue set', TARGET_SET: 'target set' },
      causeText: (c) => c.description
    }
  };

  const state = { lang: 'zh', section: 'overview', names: null, drill: null, view: null, trend: [], cards: null, review: null, live: null, changes: null,
    showLive: false, settings: { demoNotice: false },
    charts: {}, retention: null, retentionApp: null };
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[state.lang][key];

  // ---- periods -------------------------------------------------------------------------------------------
  function quarters() {
    const list = [];
    for (let y = 2024; y <= 2025; y++) {
      for (let q = 1; q <= 4; q++) {
        list.push(`${y}-Q${q}`);
      }
    }
    return list;
  }
  function fiscalName(calendar) {
    const [y, q] = calendar.split('-Q').map(Number);
    // The fiscal year starts on 1 April and is named after the year it ends in.
    return q === 1 ? `FY${y}-Q4` : `FY${y + 1}-Q${q - 1}`;
  }
  /** The fiscal years of the quarters offered: a year's review (and its view) can be asked for as a whole. */
  const FISCAL_YEARS = ['FY2025', 'FY2026'];
  function isFiscalYear(period) { return /^FY\d{4}$/.test(period); }
  /** The trend shown beside a period: the eight quarters up to a quarter, or a fiscal year's four quarters. */
  function trendRange(period) {
    if (isFiscalYear(period)) {
      const fy = Number(period.slice(2));
      return [`${fy - 1}-Q2`, `${fy}-Q1`];
    }
    return [quarterBefore(period, 7), period];
  }
  function quarterBefore(calendar, n) {
    let [y, q] = calendar.split('-Q').map(Number);
    for (let i = 0; i < n; i++) {
      q -= 1;
      if (q === 0) { q = 4; y -= 1; }
    }
    return `${y}-Q${q}`;
  }

  // ---- formatting: how every number on the page reads, in the page's language ---------------------------------
  // People, sessions and customers are counts (an average of monthly users is still a number of people): whole
  // numbers. Money in 亿/万 on the Chinese page, B/M on the English one; percentages with one or two decimals;
  // percentage points with their sign. The CSV downloads keep the API's raw numbers.
  const dash = '—';
  const LOCALES = { zh: 'zh-CN', en: 'en-US' };
  const SCALES = { zh: [[1e8, '亿'], [1e4, '万']], en: [[1e9, 'B'], [1e6, 'M']] };
  const formats = {};
  function missing(v) { return v === null || v === undefined || v === '' || Number.isNaN(Number(v)); }
  function decimals(v, min, max) {
    const key = `${state.lang}:${min}:${max}`;
    if (!formats[key]) {
      formats[key] = new Intl.NumberFormat(LOCALES[state.lang], { minimumFractionDigits: min, maximumFractionDigits: max });
    }
    return formats[key].format(v);
  }
  /** A large magnitude in the reader's units (1.23亿, 1.23B), or null below the smallest. */
  function scaled(n) {
    const scale = SCALES[state.lang].find(([size]) => Math.abs(n) >= size);
    return scale ? decimals(n / scale[0], 2, 2) + scale[1] : null;
  }
  function count(v) { return missing(v) ? dash : decimals(Math.round(Number(v)), 0, 0); }
  /** A count too large to read digit by digit (tokens): in 亿/万 or B/M. */
  function bigCount(v) { return missing(v) ? dash : scaled(Number(v)) || count(v); }
  function cny(v) {
    if (missing(v)) return dash;
    const n = Number(v);
    return (n < 0 ? '-' : '') + '¥' + (scaled(Math.abs(n)) || decimals(Math.abs(n), 2, 2));
  }
  function pct(v) { return missing(v) ? dash : decimals(Number(v) * 100, 1, 2) + '%'; }
  function pp(v) { return missing(v) ? dash : (Number(v) > 0 ? '+' : '') + decimals(Number(v), 2, 2) + ' pp'; }
  function num(v) { return missing(v) ? dash : decimals(Number(v), 0, 2); }
  /** A KPI's value in its own unit (the unit of its definition). */
  function inUnit(unit, v) {
    switch (unit) {
      case 'ratio': return pct(v);
      case 'CNY': return cny(v);
      case 'pp': return pp(v);
      case 'users': case 'count': return count(v);
      case 'tokens': return bigCount(v);
      default: return num(v);
    }
  }
  window.dashboardFormat = { count, bigCount, cny, pct, pp, num, inUnit };

  // ---- names: every KPI, status and direction by its name in the page's language; the id only in a tooltip ----
  function kpiName(id) {
    const n = state.names && state.names.kpis[id];
    return n ? n[state.lang] : id;
  }
  function kpiUnit(id) {
    const n = state.names && state.names.kpis[id];
    return n ? n.unit : null;
  }
  function kpiTitle(id) {
    const n = state.names && state.names.kpis[id];
    return n ? `${id} — ${n.definition}` : id;
  }
  /** An element naming a KPI: its name as text, its id (and definition) in the tooltip. */
  function kpiLabel(id) {
    const span = document.createElement('span');
    span.className = 'kpi-name';
    span.textContent = kpiName(id);
    span.title = kpiTitle(id);
    span.dataset.kpiId = id;
    return span;
  }
  function statusName(status) {
    const n = state.names && state.names.statuses[status];
    return n ? n[state.lang] : status;
  }
  function directionName(direction) {
    const n = state.names && state.names.directions[direction];
    return n ? n[state.lang] : direction;
  }
  function setValue(id, raw, formatted) {
    const el = $(id);
    el.textContent = formatted;
    el.dataset.value = raw === null || raw === undefined ? '' : String(raw);
  }

  // ---- data ----------------------------------------------------------------------------------------------
  // Every figure is read with the signed-in user's bearer token, kept for this browser tab only (never in
  // localStorage, never in a cookie the gateway would take without the page).
  const TOKEN_KEY = 'aikpi.token';
  const ID_TOKEN_KEY = 'aikpi.idToken';
  const PENDING_KEY = 'aikpi.signIn';
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function forget() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ID_TOKEN_KEY);
    state.caller = null;
  }

  /**
   * Who is signed in, as the gateway reads the token (the roles and a lead's unit sit in claims the deployment
   * configures): an executive sees everything, a unit's lead only that unit.
   */
  async function caller() {
    if (!token()) return { executive: false, unit: null };
    if (!state.caller) {
      const me = await getJson('/api/v1/dashboard/caller');
      state.caller = { executive: me.roles.includes('EXECUTIVE'), unit: me.roles.includes('BU_LEAD') ? me.businessUnit : null };
    }
    return state.caller;
  }

  async function getJson(url) {
    const headers = { Accept: 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    const r = await fetch(url, { headers });
    const body = await r.json().catch(() => ({}));
    if (r.status === 401) {
      forget();
      showSignIn();
      throw new Error(t('signIn'));
    }
    if (r.status === 403) throw new Error(t('forbidden'));
    if (!r.ok) throw new Error(body.detail || body.title || ('HTTP ' + r.status));
    return body;
  }

  function showSignIn() {
    $('sign-in').hidden = false;
    $('sign-out').hidden = true;
    // With the group's identity provider the password is typed there, never here.
    const viaProvider = state.settings.identityProvider;
    $('password-sign-in').hidden = viaProvider;
    $('sign-in-idp').hidden = !viaProvider || !state.settings.signIn;
    if (viaProvider && !state.settings.signIn) {
      $('sign-in-error').textContent = t('signInUnavailable');
      $('sign-in-error').hidden = false;
    }
    const dev = state.settings.developmentLogin;
    if (dev && !$('username').value) {
      $('username').value = dev.username;
      $('password').value = dev.password;
    }
    $('dev-login').hidden = !dev;
  }

  function signedIn(accessToken, idToken) {
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    if (idToken) sessionStorage.setItem(ID_TOKEN_KEY, idToken);
    state.caller = null;
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
  }

  /** Development: the development users sign in with a password at the gateway. */
  async function signIn(event) {
    event.preventDefault();
    $('sign-in-error').hidden = true;
    const r = await fetch('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value })
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok || !body.access_token) {
      $('sign-in-error').textContent = t('signInFailed');
      $('sign-in-error').hidden = false;
      return;
    }
    signedIn(body.access_token, null);
    load($('period').value);
  }

  // With the group's identity provider: the authorization-code grant with PKCE (RFC 7636, S256), state and nonce,
  // as a public client; the page comes back here with a one-time code and trades it for the token.
  function randomText() {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return base64Url(bytes);
  }
  function base64Url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function redirectUri() { return location.origin + location.pathname; }

  async function signInWithProvider() {
    const idp = state.settings.signIn;
    const pending = { verifier: randomText(), state: randomText(), nonce: randomText(), period: $('period').value,
      view: viewQuery() };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256',
      new TextEncoder().encode(pending.verifier))));
    const query = new URLSearchParams({ response_type: 'code', client_id: idp.clientId, redirect_uri: redirectUri(),
      scope: idp.scope, state: pending.state, nonce: pending.nonce, code_challenge: challenge,
      code_challenge_method: 'S256' });
    location.assign(idp.authorizationEndpoint + '?' + query);
  }

  /** Back from the provider: checks the state, trades the code for tokens; answers the period to show, or null. */
  async function finishSignIn(params) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    sessionStorage.removeItem(PENDING_KEY);
    // The code and state leave the address at once, whatever happens next.
    history.replaceState(null, '', redirectUri() + (pending && pending.view ? pending.view
      : pending && pending.period ? '?period=' + encodeURIComponent(pending.period) : ''));
    const idp = state.settings.signIn;
    if (!pending || !idp || params.get('state') !== pending.state || !params.get('code')) {
      throw new Error(t('signInIdpFailed'));
    }
    const r = await fetch(idp.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: redirectUri(), client_id: idp.clientId, code_verifier: pending.verifier })
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok || !body.access_token) throw new Error(t('signInIdpFailed'));
    if (body.id_token) {
      const claims = JSON.parse(atob(body.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      if (claims.nonce !== pending.nonce) throw new Error(t('signInIdpFailed'));
    }
    signedIn(body.access_token, body.id_token);
    return pending.period;
  }

  function signOut() {
    const idToken = sessionStorage.getItem(ID_TOKEN_KEY);
    forget();
    const idp = state.settings.signIn;
    if (idp && idp.endSessionEndpoint) {
      // Ends the provider's session too, then comes back to the page.
      const query = new URLSearchParams({ client_id: idp.clientId, post_logout_redirect_uri: redirectUri() });
      if (idToken) query.set('id_token_hint', idToken);
      location.assign(idp.endSessionEndpoint + '?' + query);
      return;
    }
    location.reload();
  }

  async function load(period) {
    $('error').hidden = true;
    state.drill = null;
    document.body.dataset.loaded = 'false';
    const p = encodeURIComponent(period);
    try {
      const who = await caller();
      if (who.executive) {
        const [view, trend, cards, review] = await Promise.all([
          getJson('/api/v1/executive/ai-conversion?period=' + p),
          getJson(`/api/v1/executive/ai-conversion/trend?from=${trendRange(period)[0]}&to=${trendRange(period)[1]}`),
          getJson('/api/v1/executive/business-units?period=' + p),
          // The reviews need the gateway's own database: without it the figures still show, the reviews say why not.
          getJson('/api/v1/executive/reviews?period=' + p).catch((e) => ({ failed: e.message, scopes: [] }))
        ]);
        Object.assign(state, { view, trend, cards, review, unit: null });
        await Promise.all([loadRetention(period), loadSealed(period)]);
      } else if (who.unit) {
        // A unit's lead: its own review and scorecard, nothing of the group's or of other units.
        const unit = encodeURIComponent(who.unit);
        // A unit no source knows yet has no scorecard (404); its review still shows its targets.
        const [cards, review] = await Promise.all([
          getJson(`/api/v1/executive/business-units/${unit}?period=` + p).catch(() => null),
          getJson(`/api/v1/executive/reviews/${unit}?period=` + p)
        ]);
        Object.assign(state, { view: null, trend: [], cards, review, unit: who.unit, changes: null });
        await loadSealed(period, `/api/v1/executive/reviews/${unit}?period=${p}`);
      } else {
        throw new Error(t('forbidden'));
      }
      render();
    } catch (e) {
      $('error').textContent = e.message;
      $('error').hidden = false;
    } finally {
      document.body.dataset.loaded = 'true';
    }
  }

  /**
   * For a sealed review: what changed since the seal (executives only) and, when the toggle is on, the live review to
   * show beside it. Neither is asked for a review that was never sealed.
   */
  async function loadSealed(period, liveUri) {
    state.live = null;
    state.changes = null;
    if (!state.review || !state.review.sealed) return;
    const p = encodeURIComponent(period);
    const asks = [];
    if (state.showLive) {
      asks.push(getJson((liveUri || '/api/v1/executive/reviews?period=' + p) + '&as=live')
        .then((live) => { state.live = live; }).catch(() => { state.live = null; }));
    }
    if (!state.unit) {
      asks.push(getJson(`/api/v1/executive/reviews/${p}/changes`)
        .then((changes) => { state.changes = changes; }).catch((e) => { state.changes = { failed: e.message }; }));
    }
    await Promise.all(asks);
  }

  // ---- rendering -----------------------------------------------------------------------------------------
  function render() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
    $('demo-notice').hidden = !state.settings.demoNotice;
    $('executive-only').hidden = !state.view;
    document.body.dataset.unit = state.unit || '';
    document.body.dataset.lang = state.lang;
    showSection();
    if (!state.view && !state.review) return;
    renderSources();
    if (state.view) {
      renderCards();
      renderCharts();
      renderFigures();
      renderRetention();
      renderAlerts();
      renderOverviewReview();
      renderProjections();
      renderDrill();
    }
    renderReviews();
    renderScorecards();
  }

  function renderSources() {
    const box = $('sources');
    box.innerHTML = '';
    const shown = state.view || state.review;
    Object.entries(shown.sources).forEach(([name, s]) => {
      const span = document.createElement('span');
      span.className = 'source ' + s.status;
      span.dataset.source = name;
      span.dataset.status = s.status;
      span.title = s.detail || (s.asOf ? s.asOf : '');
      span.dataset.final = String(s.final);
      // How complete the source's data is for the period: through which day, and whether it is final.
      const completeness = s.final == null ? t('completenessUnknown')
        : (s.dataThrough ? `${t('dataThrough')} ${s.dataThrough} · ` : '') + t(s.final ? 'isFinal' : 'notFinal');
      span.textContent = `${name}: ${t('sourceStatus')[s.status]} · ${completeness}`;
      box.appendChild(span);
    });
    if (shown.provisional) {
      const span = document.createElement('span');
      span.className = 'source STALE provisional';
      span.textContent = t('provisional');
      box.appendChild(span);
    }
    if (!shown.complete) {
      const span = document.createElement('span');
      span.className = 'source UNAVAILABLE';
      span.textContent = t('incomplete');
      box.appendChild(span);
    }
  }

  function renderCards() {
    const v = state.view;
    setValue('kpi-cloud-share', v.cloud.share, pct(v.cloud.share));
    setValue('kpi-gap', v.cloud.gapPp, pp(v.cloud.gapPp));
    setValue('kpi-ai-revenue', v.ai.attributedRevenueCny, cny(v.ai.attributedRevenueCny));
    setValue('kpi-ai-cash', v.ai.cashRevenueCny, cny(v.ai.cashRevenueCny));
    setValue('kpi-ai-voucher', v.ai.voucherRevenueCny, cny(v.ai.voucherRevenueCny));
    setValue('kpi-ai-margin', v.ai.marginCny, cny(v.ai.marginCny));
    setValue('kpi-breakeven', v.ai.breakevenReached,
      v.ai.breakevenReached === null ? dash : t(v.ai.breakevenReached ? 'breakevenYes' : 'breakevenNo'));
    setValue('kpi-share-without-ai', v.cloud.shareWithoutAi, pct(v.cloud.shareWithoutAi));
    // margin-per-million-tokens: the group's, then each model family's that has one (which earn, which burn).
    setValue('kpi-margin-per-million', v.toB.marginPerMillionTokensCny, cny(v.toB.marginPerMillionTokensCny));
    const families = (v.toB.modelFamilies || []).filter((f) => f.marginPerMillionTokensCny != null);
    setValue('kpi-model-families', families.length ? families.length : null,
      families.length ? '(' + families.map((f) => f.family + ' ' + cny(f.marginPerMillionTokensCny)).join(' · ') + ')' : '');
    // Every amount is CNY; the ledger's revenue may have been billed in other currencies, converted at dated rates.
    const currencies = v.cloud.ledgerCurrencies || [];
    const note = $('ledger-currencies');
    note.dataset.currencies = currencies.map((c) => c.currency).join(',');
    note.textContent = currencies.length === 0 ? ''
      : t('ledgerCurrencies')(currencies.map((c) => `${c.currency} ${pct(c.share)}`).join(' · '));
    setValue('kpi-resolution', v.toC.resolutionRate, pct(v.toC.resolutionRate));
  }

  function chart(id) {
    if (!state.charts[id]) state.charts[id] = echarts.init($(id));
    return state.charts[id];
  }

  /** Every review's KPIs, one row each, for the CSV and the checks. */
  function reviewRows() {
    if (!state.review) return [];
    const rows = [];
    state.review.scopes.forEach((sc) => sc.kpis.forEach((k) => rows.push([state.review.period, sc.scope, sc.rank, sc.score,
      k.kpiId, kpiName(k.kpiId), k.target, k.direction, k.actual, k.attainment, k.expectedToDate, k.pace, k.status, k.weight,
      k.qualityFloor ? k.qualityFloor.kpiId : null, k.qualityFloor ? k.qualityFloor.actual : null, k.counted, k.reason])));
    return rows;
  }

  /** [figure, value] rows with the figure's KPI id and name between them (the tiles' keys, as in TILE_KPIS). */
  function named(rows) {
    return rows.map(([figure, value]) => {
      const kpi = TILE_KPIS[figure.replace(/_cny$/, '').replace(/_pp$/, '').replace(/_/g, '-')] || null;
      return [figure, kpi, kpi ? kpiName(kpi) : null, value];
    });
  }

  function tables() {
    const v = state.view;
    const all = {
      reviews: {
        header: ['period', 'scope', 'rank', 'score', 'kpi', 'kpi_name', 'target', 'direction', 'actual', 'attainment', 'expected_to_date',
          'pace', 'status', 'weight', 'quality_floor_kpi', 'quality_floor_actual', 'counted', 'reason'],
        rows: reviewRows()
      },
      scorecards: {
        header: ['business_unit', 'ai_features', 'ai_sessions', 'ai_users', 'ai_lift_pp', 'week4_retention', 'resolution_rate',
          'conversions', 'tokens', 'cloud_spend_cny', 'ai_sessions_change', 'tokens_change', 'cloud_spend_change_cny'],
        rows: (state.cards ? state.cards.businessUnits : []).map((s) => [s.businessUnit, s.current.aiFeatures, s.current.aiSessions,
          s.current.aiUsers, s.current.aiLiftPp, s.current.week4Retention,
          s.current.resolutionRate, s.current.conversions, s.current.tokens, s.current.cloudSpendCny,
          s.change.aiSessions, s.change.tokens, s.change.cloudSpendCny])
      }
    };
    if (!v) return all;
    const f = v.toB.funnel;
    const c = v.toC.funnel;
    return Object.assign(all, {
      share: {
        header: ['period', 'fiscal_period', 'cloud_share', 'baseline_share', 'gap_pp', 'share_without_ai'],
        rows: state.trend.map((p) => [p.period, p.fiscalPeriod, p.cloudShare, p.baselineShare, p.gapPp, p.shareWithoutAi])
      },
      currencies: {
        // The period's ledger revenue by billed currency, then each dated rate that converted it to CNY.
        header: ['period', 'row', 'currency', 'billed_amount', 'amount_cny', 'share', 'rate_day', 'cny_per_unit',
          'rate_version', 'rate_source'],
        rows: (v.cloud.ledgerCurrencies || []).map((c) => [v.period, 'currency', c.currency, c.billedAmount, c.amountCny,
          c.share, null, null, null, null]).concat((v.cloud.fxRates || []).map((r) => [v.period, 'rate', r.currency, null,
          null, null, r.day, r.cnyPerUnit, r.version, r.source]))
      },
      aiRevenue: {
        header: ['period', 'fiscal_period', 'ai_revenue_cny', 'ai_cash_cny', 'ai_voucher_cny', 'ai_margin_cny'],
        rows: state.trend.map((p) => [p.period, p.fiscalPeriod, p.aiRevenueCny, p.aiCashRevenueCny, p.aiVoucherRevenueCny, p.aiMarginCny])
      },
      // The figures with the KPI each one is and its name in the page's language; the values as the API gives them.
      toB: {
        header: ['figure', 'kpi', 'kpi_name', 'value'],
        rows: named([['derivative_models', f.derivativeModels], ['customers_onboarded', f.customersOnboarded],
          ['customers_with_usage', f.customersWithUsage], ['paying_customers', f.payingCustomers],
          ['tokens', f.tokens], ['maas_revenue_cny', f.maasRevenueCny]])
      },
      toC: {
        header: ['figure', 'kpi', 'kpi_name', 'value'],
        rows: named([['mau', c.mau], ['ai_users', c.aiUsers], ['week4_retention', v.toC.retention ? v.toC.retention.week4 : null],
          ['ai_lift_pp', v.toC.retention ? v.toC.retention.aiLiftPp : null], ['ai_sessions', c.aiSessions],
          ['resolved_sessions', c.resolvedSessions], ['conversions', c.conversions]])
      },
      retention: {
        header: ['app', 'segment', 'cohort_start', 'cohort_size', 'offset', 'window_start', 'users', 'share', 'partial'],
        rows: state.retention ? [['all', state.retention.all], ['ai', state.retention.ai], ['non-ai', state.retention.nonAi]]
          .flatMap(([segment, table]) => table.cohorts.flatMap((co) => co.offsets.map((o) => [state.retention.appId, segment,
            co.start, co.size, o.offset, o.start, o.users, o.share, o.partial]))) : []
      },
      alerts: {
        header: ['alert', 'scope', 'text', 'volume_kpi', 'volume_kpi_name', 'volume_previous', 'volume_current', 'quality_kpi',
          'quality_kpi_name', 'quality_previous', 'quality_current'],
        rows: v.alerts.map((a) => [a.id, a.scope, a.text ? a.text[state.lang] : a.message, a.volume.id, kpiName(a.volume.id),
          a.volume.previous, a.volume.current, a.quality.id, kpiName(a.quality.id), a.quality.previous, a.quality.current])
      }
    });
  }

  function renderCharts() {
    // One line per quarter: the calendar name on the axis (hidden where they would overlap), both names in the
    // tooltip.
    const labels = state.trend.map((p) => p.period);
    const fiscal = Object.fromEntries(state.trend.map((p) => [p.period, p.fiscalPeriod]));
    const axis = { type: 'category', data: labels, axisLabel: { hideOverlap: true } };
    const title = (params) => `${params[0].axisValue} · ${fiscal[params[0].axisValue]}`;
    const tooltip = (fmt) => ({ trigger: 'axis', formatter: (params) => [title(params)].concat(params.map(
      (x) => `${x.marker}${x.seriesName}: ${fmt(x.value)}`)).join('<br>') });
    chart('chart-share').setOption({
      tooltip: tooltip(pct),
      legend: { data: [t('share'), t('shareWithoutAi')] },
      xAxis: axis,
      yAxis: { type: 'value', axisLabel: { formatter: pct }, scale: true },
      series: [
        { name: t('share'), type: 'line', data: state.trend.map((p) => p.cloudShare), connectNulls: false,
          markLine: { symbol: 'none', label: { formatter: t('baseline') }, lineStyle: { color: '#dc2626', type: 'dashed' },
            data: [{ yAxis: 0.11 }] } },
        { name: t('shareWithoutAi'), type: 'line', data: state.trend.map((p) => p.shareWithoutAi), lineStyle: { type: 'dotted' } }
      ]
    }, true);
    chart('chart-ai-revenue').setOption({
      tooltip: tooltip(cny),
      legend: { data: [t('cash'), t('voucher')] },
      xAxis: axis,
      yAxis: { type: 'value', axisLabel: { formatter: cny } },
      series: [
        { name: t('cash'), type: 'bar', stack: 'ai', data: state.trend.map((p) => p.aiCashRevenueCny), itemStyle: { color: '#16a34a' } },
        { name: t('voucher'), type: 'bar', stack: 'ai', data: state.trend.map((p) => p.aiVoucherRevenueCny), itemStyle: { color: '#d97706' } }
      ]
    }, true);
  }

  /**
   * The To-B and To-C figures as separate tiles: their populations are not nested sets of one another (paying
   * customers are the ledger's, customers with usage the model platform's; sessions are not users), so they are not
   * drawn as funnels. Where one figure is a part of another, the share is given beside it.
   */
  function renderFigures() {
    const f = state.view.toB.funnel;
    const c = state.view.toC.funnel;
    const r = state.view.toC.retention;
    tiles('figures-tob', [[
      ['derivative-models', t('derivativeModels'), f.derivativeModels, count],
      ['customers-onboarded', t('customersOnboarded'), f.customersOnboarded, count],
      ['customers-with-usage', t('customersWithUsage'), f.customersWithUsage, count],
      ['paying-customers', t('payingCustomers'), f.payingCustomers, count],
      ['tokens', t('tokensStage'), f.tokens, bigCount],
      ['maas-revenue', t('maasRevenue'), f.maasRevenueCny, cny]]]);
    const share = (part, whole) => (part === null || whole === null || Number(whole) === 0 ? null : Number(part) / Number(whole));
    tiles('figures-toc', [
      [['mau', t('mau'), c.mau, count], ['ai-users', t('aiUsers'), c.aiUsers, count],
        ['week4-retention', t('week4Retention'), r ? r.week4 : null, pct], ['ai-lift', t('aiLift'), r ? r.aiLiftPp : null, pp]],
      [['ai-sessions', t('aiSessions'), c.aiSessions, count],
        ['resolved-sessions', t('resolvedSessions'), c.resolvedSessions, count, share(c.resolvedSessions, c.aiSessions)],
        ['conversions', t('conversions'), c.conversions, count, share(c.conversions, c.aiSessions)]]],
    [t('usersGroup'), t('sessionsGroup')]);
  }

  /** The KPI each tile shows, for its drill-down. */
  const TILE_KPIS = { 'derivative-models': 'model-influence-derivatives', 'customers-onboarded': 'tob-customers-onboarded',
    'customers-with-usage': 'tob-customers-with-usage', 'paying-customers': 'tob-paying-customers', tokens: 'tob-tokens',
    'maas-revenue': 'tob-maas-revenue', mau: 'toc-mau', 'ai-users': 'toc-ai-users', 'week4-retention': 'toc-week4-retention',
    'ai-lift': 'toc-ai-lift', 'ai-sessions': 'toc-ai-sessions', 'resolved-sessions': 'toc-resolved-sessions',
    conversions: 'toc-conversions' };

  function tiles(id, groups, names) {
    const box = $(id);
    box.innerHTML = '';
    groups.forEach((group, i) => {
      const row = document.createElement('div');
      row.className = 'figure-group';
      if (names) {
        const h = document.createElement('div');
        h.className = 'group-name';
        h.textContent = names[i];
        row.appendChild(h);
      }
      group.forEach(([key, label, value, fmt, ofSessions]) => {
        const tile = document.createElement('div');
        tile.className = 'figure';
        tile.dataset.figure = key;
        tile.dataset.value = value === null || value === undefined ? '' : String(value);
        tile.innerHTML = `<div class="label"></div><div class="value"></div>`
          + (ofSessions === undefined ? '' : `<div class="sub">${pct(ofSessions)} ${t('ofSessions')}</div>`);
        tile.querySelector('.label').textContent = label;
        tile.querySelector('.value').textContent = fmt(value);
        if (TILE_KPIS[key]) {
          tile.classList.add('drillable');
          tile.title = kpiTitle(TILE_KPIS[key]);
          tile.addEventListener('click', () => openDrill(TILE_KPIS[key], 'group'));
        }
        row.appendChild(tile);
      });
      box.appendChild(row);
    });
  }

  // ---- reviews -------------------------------------------------------------------------------------------
  const STATUS_COLOUR = { MET: '#15803d', ON_TRACK: '#4ade80', AT_RISK: '#d97706', OFF_TRACK: '#dc2626',
    NOT_STARTED: '#9ca3af', UNKNOWN: '#9ca3af' };
  const BULLET_MAX = 150;

  /** The actual as a percentage of the target in force (what the bullet's bar shows), bounded for drawing. */
  function ofTarget(k, value) {
    if (value === null || value === undefined) return null;
    const target = Number(k.target);
    const ratio = target === 0 ? (k.status === 'MET' ? 1 : 0) : Number(value) / target;
    return Math.max(0, Math.min(BULLET_MAX, ratio * 100));
  }

  function kpiLine(k) {
    const f = (v) => inUnit(k.unit, v);
    return `${kpiName(k.kpiId)} (${k.kpiId}): ${t('actual')} ${f(k.actual)} / ${t('target')} ${f(k.target)} (${directionName(k.direction)}, ${k.targetPeriod})`
      + ` · ${t('attainment')} ${pct(k.attainment)}`
      + (k.pace === null ? '' : ` · ${t('pace')} ${num(k.pace)} (${t('expected')} ${f(k.expectedToDate)})`)
      + ` · ${statusName(k.status)}`
      + (k.qualityFloor ? ` · ${kpiName(k.qualityFloor.kpiId)} (${k.qualityFloor.kpiId}) ${inUnit(kpiUnit(k.qualityFloor.kpiId), k.qualityFloor.actual)}` : '')
      + (k.counted ? '' : ` · ✕ ${t('notCounted')}`) + (k.reason ? ` — ${k.reason}` : '');
  }

  /** The review's seal (version, when, who, why) or that it is live, and whether it is provisional. */
  function renderSeal() {
    const badge = $('seal-badge');
    const r = state.review;
    const sealed = r && r.sealed;
    badge.className = 'seal-badge ' + (sealed ? 'sealed' : 'live' + (r && r.provisional ? ' provisional' : ''));
    badge.dataset.sealed = sealed ? String(sealed.version) : '';
    badge.textContent = !r || r.failed ? '' : sealed ? t('sealedBadge')(sealed) : t(r.provisional ? 'liveProvisional' : 'liveBadge');
    $('live-toggle-label').hidden = !sealed;
    $('live-toggle').checked = state.showLive;
  }

  /** The live KPI beside a sealed one, when the live review is shown. */
  function liveKpi(scope, kpiId) {
    if (!state.live) return null;
    const sc = state.live.scopes.find((s) => s.scope === scope);
    return sc ? sc.kpis.find((k) => k.kpiId === kpiId) || null : null;
  }

  function renderChanges() {
    const box = $('review-changes');
    const c = state.changes;
    box.hidden = !c;
    if (!c) return;
    const summary = $('changes-summary');
    const kpis = $('changes-kpis');
    const causes = $('changes-causes');
    kpis.innerHTML = '';
    causes.innerHTML = '';
    if (c.failed) {
      summary.textContent = c.failed;
      return;
    }
    summary.textContent = c.changed || c.causes.length ? t('changesSummary')(c) : t('noChanges');
    c.kpis.forEach((k) => {
      const tr = document.createElement('tr');
      tr.dataset.scope = k.scope;
      tr.dataset.kpi = k.kpiId;
      const before = k.sealed ? inUnit(k.unit, k.sealed.actual) : dash;
      const after = k.live ? inUnit(k.unit, k.live.actual) : dash;
      const diff = k.actualDifference === null ? dash : (Number(k.actualDifference) > 0 ? '+' : '') + inUnit(k.unit, k.actualDifference);
      const status = (k.sealed ? statusName(k.sealed.status) : dash) + (k.statusChanged ? ' → ' + (k.live ? statusName(k.live.status) : dash) : '');
      [k.scope === 'group' ? t('group') : k.scope, kpiLabel(k.kpiId), before, after, diff, status,
        k.causedBy.length ? k.causedBy.join(', ') : t('noCause')].forEach((text) => {
        const td = document.createElement('td');
        if (typeof text === 'string') td.textContent = text; else td.appendChild(text);
        tr.appendChild(td);
      });
      tr.addEventListener('click', () => openDrill(k.kpiId, k.scope));
      kpis.appendChild(tr);
    });
    c.causes.forEach((cause) => {
      const tr = document.createElement('tr');
      tr.dataset.source = cause.source;
      tr.dataset.kind = cause.kind;
      tr.title = cause.description;
      [cause.at.slice(0, 16).replace('T', ' '), cause.source, (t('changeKind')[cause.kind] || cause.kind),
        cause.day || dash, t('causeText')(cause)].forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      causes.appendChild(tr);
    });
  }

  function renderReviews() {
    renderSeal();
    renderChanges();
    const box = $('reviews');
    box.innerHTML = '';
    Object.keys(state.charts).filter((id) => id.startsWith('review-')).forEach((id) => {
      state.charts[id].dispose();
      delete state.charts[id];
    });
    const scopes = state.review ? state.review.scopes : [];
    if (state.review && state.review.failed) {
      box.textContent = state.review.failed;
      box.className = 'error';
      return;
    }
    box.className = '';
    if (scopes.length === 0) {
      box.textContent = t('noTargets');
      return;
    }
    scopes.forEach((sc) => {
      const block = document.createElement('div');
      block.className = 'review';
      block.dataset.scope = sc.scope;
      block.dataset.score = sc.score === null ? '' : String(sc.score);
      const name = sc.scope === 'group' ? t('group') : sc.scope;
      block.innerHTML = `<h3><span class="scope-name"></span>`
        + `<span class="score" data-testid="score">${t('score')} ${pct(sc.score)}</span>`
        + `<span class="sub">${t('scoreAtPace')} ${pct(sc.scoreAtPace)}${sc.rank ? ` · ${t('rank')} ${sc.rank}` : ''}`
        + `${sc.complete ? '' : ` · ${t('incompleteScope')}`}</span></h3>`
        + `<div class="chart bullet" id="review-${sc.scope}"></div><table class="review-kpis"><thead><tr>`
        + `<th>${t('kpi')}</th><th>${t('actual')}</th><th>${t('target')}</th><th>${t('attainment')}</th>`
        + `<th>${t('status')}</th><th>${t('counted')}</th>${state.live ? `<th>${t('liveValue')}</th>` : ''}`
        + `</tr></thead><tbody></tbody></table>`;
      block.querySelector('.scope-name').textContent = name;
      const body = block.querySelector('tbody');
      sc.kpis.forEach((k) => {
        const tr = document.createElement('tr');
        tr.dataset.kpi = k.kpiId;
        tr.dataset.status = k.status;
        tr.dataset.counted = String(k.counted);
        tr.dataset.actual = k.actual === null ? '' : String(k.actual);
        tr.title = kpiLine(k);
        if (!k.counted && k.scored !== null) tr.className = 'uncounted';
        tr.innerHTML = `<td></td><td>${inUnit(k.unit, k.actual)}</td><td>${inUnit(k.unit, k.target)}</td>`
          + `<td>${pct(k.attainment)}</td>`
          + `<td><span class="status ${k.status}">${statusName(k.status)}</span></td>`
          + `<td>${k.counted ? '✓' : '✕'}</td>`;
        if (state.live) {
          const live = liveKpi(sc.scope, k.kpiId);
          const td = document.createElement('td');
          const moved = live && String(live.actual) !== String(k.actual);
          td.className = 'live' + (moved ? ' moved' : '');
          td.dataset.liveActual = live && live.actual !== null ? String(live.actual) : '';
          td.textContent = live ? inUnit(k.unit, live.actual) : dash;
          tr.appendChild(td);
        }
        tr.firstChild.appendChild(kpiLabel(k.kpiId));
        tr.addEventListener('click', () => openDrill(k.kpiId, sc.scope));
        body.appendChild(tr);
      });
      box.appendChild(block);
      const el = block.querySelector('.bullet');
      el.style.height = (48 + 30 * sc.kpis.length) + 'px';
      const c = echarts.init(el);
      state.charts['review-' + sc.scope] = c;
      c.setOption({
        animation: false,
        grid: { left: 190, right: 30, top: 10, bottom: 30 },
        tooltip: { trigger: 'item', formatter: (p) => kpiLine(sc.kpis[p.dataIndex]) },
        xAxis: { type: 'value', min: 0, max: BULLET_MAX, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: sc.kpis.map((k) => (k.counted || k.scored === null ? '' : '✕ ') + kpiName(k.kpiId)) },
        series: [
          { name: t('actual'), type: 'bar', barWidth: 12,
            data: sc.kpis.map((k) => ({ value: ofTarget(k, k.actual),
              itemStyle: { color: !k.counted && k.scored !== null ? '#cbd5e1' : STATUS_COLOUR[k.status],
                borderColor: STATUS_COLOUR[k.status], borderWidth: !k.counted && k.scored !== null ? 2 : 0 } })),
            markLine: { symbol: 'none', silent: true, label: { formatter: t('target') },
              lineStyle: { color: '#111827', width: 2 }, data: [{ xAxis: 100 }] } },
          { name: t('expected'), type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#111827' },
            data: sc.kpis.map((k) => ofTarget(k, k.expectedToDate)) }
        ]
      }, true);
    });
  }

  function renderAlerts() {
    const list = $('alerts');
    list.innerHTML = '';
    if (state.view.alerts.length === 0) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = t('noAlerts');
      list.appendChild(li);
      return;
    }
    state.view.alerts.forEach((a) => {
      const li = document.createElement('li');
      li.dataset.alert = `${a.id}:${a.scope}`;
      // The alert's text in the page's language (the API's English message where an older gateway gave no other).
      const scope = a.scope === 'group' ? t('group') : a.scope;
      const figure = (f) => `${kpiName(f.id)}: ${inUnit(kpiUnit(f.id), f.previous)} → ${inUnit(kpiUnit(f.id), f.current)}`;
      li.textContent = `[${scope}] ${a.text ? a.text[state.lang] : a.message} — ${figure(a.volume)}; ${figure(a.quality)}`;
      li.title = `${a.id}: ${a.volume.id}, ${a.quality.id}`;
      li.classList.add('drillable');
      li.addEventListener('click', () => openDrill(a.volume.id, a.scope));
      list.appendChild(li);
    });
  }

  function delta(v, fmt) {
    if (v === null || v === undefined || Number(v) === 0) return '';
    const cls = Number(v) > 0 ? 'up' : 'down';
    return ` <span class="delta ${cls}">${Number(v) > 0 ? '▲' : '▼'}${fmt(Math.abs(Number(v)))}</span>`;
  }

  const SCORECARD_KPIS = { aiSessions: 'toc-ai-sessions', aiUsers: 'toc-ai-users', aiLiftPp: 'toc-ai-lift',
    resolutionRate: 'assistant-resolution-rate', conversions: 'toc-conversions', tokens: 'tob-tokens',
    cloudSpendCny: 'bu-cloud-spend' };

  function renderScorecards() {
    const body = document.querySelector('#scorecards tbody');
    body.innerHTML = '';
    (state.cards ? state.cards.businessUnits : []).forEach((s) => {
      const tr = document.createElement('tr');
      tr.dataset.businessUnit = s.businessUnit;
      const c = s.current;
      const d = s.change;
      tr.innerHTML = `<td></td>`
        + `<td data-field="aiFeatures">${count(c.aiFeatures)}${delta(d.aiFeatures, count)}</td>`
        + `<td data-field="aiSessions">${count(c.aiSessions)}${delta(d.aiSessions, count)}</td>`
        + `<td data-field="aiUsers">${count(c.aiUsers)}${delta(d.aiUsers, count)}</td>`
        + `<td data-field="aiLiftPp">${pp(c.aiLiftPp)}</td>`
        + `<td data-field="resolutionRate">${pct(c.resolutionRate)}</td>`
        + `<td data-field="conversions">${count(c.conversions)}${delta(d.conversions, count)}</td>`
        + `<td data-field="tokens">${bigCount(c.tokens)}${delta(d.tokens, bigCount)}</td>`
        + `<td data-field="cloudSpendCny">${cny(c.cloudSpendCny)}${delta(d.cloudSpendCny, cny)}</td>`;
      tr.firstChild.textContent = s.businessUnit;
      // A figure of the unit opens that KPI at the unit's level.
      tr.querySelectorAll('td[data-field]').forEach((td) => {
        const kpi = SCORECARD_KPIS[td.dataset.field];
        if (!kpi) return;
        td.dataset.kpi = kpi;
        td.title = kpiTitle(kpi);
        td.addEventListener('click', () => openDrill(kpi, s.businessUnit));
      });
      body.appendChild(tr);
    });
  }

  // ---- retention -----------------------------------------------------------------------------------------
  const SEGMENTS = ['all', 'ai', 'non-ai'];

  /**
   * The app whose cohorts are shown: the one chosen, else the one with the most AI users among those with a retention
   * figure this period (an app fed by daily aggregates without users' sets has none).
   */
  function retentionApp() {
    const apps = state.view ? state.view.toC.apps : [];
    if (apps.some((a) => a.appId === state.retentionApp)) return state.retentionApp;
    const ranked = apps.slice().sort((a, b) => (b.week4Retention !== null) - (a.week4Retention !== null) || b.aiUsers - a.aiUsers);
    return ranked.length ? ranked[0].appId : null;
  }

  /** The chosen app's cohorts of the period, all users and the AI and non-AI parts: weekly, monthly for a year. */
  async function loadRetention(period) {
    const app = retentionApp();
    state.retention = null;
    $('retention-error').hidden = true;
    if (!app) return;
    const cohort = isFiscalYear(period) ? 'month' : 'week';
    const base = `/api/v1/executive/apps/${encodeURIComponent(app)}/retention?cohort=${cohort}`
      + `&from=${state.view.from}&to=${state.view.to}`;
    try {
      const [all, ai, nonAi] = await Promise.all(SEGMENTS.map((s) => getJson(`${base}&segment=${s}`)));
      state.retention = { appId: app, cohort, all, ai, nonAi };
      state.retentionApp = app;
    } catch (e) {
      $('retention-error').textContent = e.message;
      $('retention-error').hidden = false;
    }
  }

  /** Per offset, the share of the cohorts' users back in windows that have ended, weighted by cohort size. */
  function meanCurve(table) {
    const back = [];
    const size = [];
    table.cohorts.forEach((c) => c.offsets.filter((o) => !o.partial).forEach((o) => {
      back[o.offset] = (back[o.offset] || 0) + o.users;
      size[o.offset] = (size[o.offset] || 0) + c.size;
    }));
    return back.map((b, k) => (size[k] ? b / size[k] : null));
  }

  function renderRetention() {
    const apps = state.view.toC.apps;
    const select = $('retention-app');
    const chosen = retentionApp();
    select.innerHTML = '';
    apps.forEach((a) => {
      const opt = document.createElement('option');
      opt.value = a.appId;
      opt.textContent = `${a.name} (${a.appId})`;
      select.appendChild(opt);
    });
    select.value = chosen || '';
    const body = document.querySelector('#retention-apps tbody');
    body.innerHTML = '';
    apps.forEach((a) => {
      const tr = document.createElement('tr');
      tr.dataset.app = a.appId;
      tr.className = a.appId === chosen ? 'selected' : '';
      tr.innerHTML = `<td></td><td></td><td data-field="aiUsers">${count(a.aiUsers)}</td>`
        + `<td data-field="week4Retention">${pct(a.week4Retention)}</td><td data-field="aiLiftPp">${pp(a.aiLiftPp)}</td>`;
      tr.children[0].textContent = a.name;
      tr.children[1].textContent = a.businessUnit;
      tr.addEventListener('click', () => chooseApp(a.appId));
      body.appendChild(tr);
    });
    const r = state.retention;
    const heat = $('chart-retention-heatmap');
    const curves = $('chart-retention-curves');
    heat.dataset.app = r ? r.appId : '';
    // quark's note: how the cohorts are made when not by first-seen day, or why there are none.
    $('retention-note').textContent = r && r.all.note ? r.all.note : '';
    $('retention-note').hidden = !(r && r.all.note);
    if (!r) {
      chart('chart-retention-heatmap').clear();
      chart('chart-retention-curves').clear();
      heat.dataset.cells = '[]';
      return;
    }
    const unit = t(r.cohort);
    const cohorts = r.all.cohorts;
    const offsets = Math.max(0, ...cohorts.map((c) => c.offsets.length));
    const cells = [];
    cohorts.forEach((c, y) => c.offsets.forEach((o) => cells.push({ value: [o.offset, y, o.share === null ? null : Number(o.share) * 100],
      users: o.users, size: c.size, partial: o.partial,
      itemStyle: o.partial ? { borderType: 'dashed', borderColor: '#6b7280', borderWidth: 1, opacity: 0.6 } : undefined })));
    heat.dataset.cells = JSON.stringify(cohorts.flatMap((c) => c.offsets.map((o) => [c.start, o.offset, o.users, o.share])));
    chart('chart-retention-heatmap').setOption({
      title: { text: `${t('retentionHeatmap')} · ${r.appId}${r.all.estimate ? ' · ' + t('estimate') : ''}`, textStyle: { fontSize: 13 } },
      tooltip: { formatter: (p) => `${cohorts[p.data.value[1]].start} · ${p.data.value[0]} ${unit} ${t('offset')}<br>`
        + `${p.data.users} / ${p.data.size} ${t('cohortUsers')} = ${p.data.value[2] === null ? dash : p.data.value[2].toFixed(1) + '%'}`
        + (p.data.partial ? ` (${t('partial')})` : '') },
      grid: { left: 8, right: 12, top: 40, bottom: 70, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: offsets }, (_, k) => `+${k}`), name: unit,
        nameLocation: 'middle', nameGap: 24, splitArea: { show: true } },
      yAxis: { type: 'category', data: cohorts.map((c) => `${c.start} (${c.size})`), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#fff7ed', '#fdba74', '#ea580c', '#7c2d12'] }, text: ['100%', '0%'] },
      series: [{ type: 'heatmap', data: cells, label: { show: offsets <= 14, fontSize: 9,
        formatter: (p) => (p.data.value[2] === null ? '' : Math.round(p.data.value[2])) } }]
    }, true);
    const ai = meanCurve(r.ai);
    const nonAi = meanCurve(r.nonAi);
    const everyone = meanCurve(r.all);
    curves.dataset.ai = JSON.stringify(ai);
    curves.dataset.nonAi = JSON.stringify(nonAi);
    const line = (name, data, style) => ({ name, type: 'line', data: data.map((v) => (v === null ? null : +(v * 100).toFixed(2))),
      connectNulls: false, lineStyle: style, itemStyle: { color: style.color }, symbolSize: 5 });
    chart('chart-retention-curves').setOption({
      title: { text: t('retentionCurves'), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? dash : v.toFixed(1) + '%') },
      legend: { bottom: 0 },
      grid: { left: 8, right: 12, top: 40, bottom: 50, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: Math.max(ai.length, nonAi.length, everyone.length) }, (_, k) => `+${k}`),
        name: unit, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [line(t('retentionAi'), ai, { width: 3, color: '#ea580c' }), line(t('retentionNonAi'), nonAi, { width: 3, color: '#2563eb' }),
        line(t('retentionAll'), everyone, { type: 'dashed', color: '#9ca3af' })]
    }, true);
  }

  async function chooseApp(appId) {
    state.retentionApp = appId;
    await loadRetention(state.view.period);
    renderRetention();
  }

  // ---- sections and the address: period, language and section in the query, so a link reopens the same view --
  const SECTIONS = ['overview', 'reviews', 'units', 'retention', 'revenue', 'models'];
  /** What a unit's lead can see: its review and its scorecard. */
  const LEAD_SECTIONS = ['reviews', 'units'];

  function sectionsOffered() { return state.unit ? LEAD_SECTIONS : SECTIONS; }

  function viewQuery(section) {
    return '?' + new URLSearchParams({ period: $('period').value, lang: state.lang, section: section || state.section });
  }

  /** The view the address asks for, each part checked against what the page offers. */
  function addressedView() {
    const q = new URLSearchParams(location.search);
    return { period: q.get('period'), lang: ['zh', 'en'].includes(q.get('lang')) ? q.get('lang') : 'zh',
      section: SECTIONS.includes(q.get('section')) ? q.get('section') : 'overview' };
  }

  /** Records the view in the address: a new history entry for a reader's choice, replacing it otherwise. */
  function remember(replace) {
    const url = location.pathname + viewQuery();
    if (url === location.pathname + location.search) return;
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  }

  function showSection() {
    if (!sectionsOffered().includes(state.section)) state.section = sectionsOffered()[0];
    document.body.dataset.section = state.section;
    document.querySelectorAll('[data-section]').forEach((el) => {
      el.classList.toggle('off', !el.dataset.section.split(' ').includes(state.section));
    });
    document.querySelectorAll('#sections a[data-goto]').forEach((a) => {
      a.classList.toggle('active', a.dataset.goto === state.section);
      a.hidden = !sectionsOffered().includes(a.dataset.goto);
      a.href = viewQuery(a.dataset.goto);
    });
    $('sections').hidden = !state.view && !state.review;
    // A chart drawn while its section was hidden has no size yet.
    requestAnimationFrame(() => Object.values(state.charts).forEach((c) => c.resize()));
  }

  function goTo(section) {
    state.section = section;
    remember(false);
    showSection();
  }

  // ---- overview: the group's review in a line, and what changed since its seal --------------------------------
  function renderOverviewReview() {
    const box = $('overview-review-body');
    box.innerHTML = '';
    const r = state.review;
    const group = r && !r.failed ? r.scopes.find((sc) => sc.scope === 'group') : null;
    if (!group) {
      box.textContent = r && r.failed ? r.failed : t('noTargets');
      return;
    }
    const score = document.createElement('span');
    score.className = 'score';
    score.dataset.score = group.score === null ? '' : String(group.score);
    score.textContent = `${t('score')} ${pct(group.score)}`;
    box.appendChild(score);
    const pace = document.createElement('span');
    pace.className = 'sub';
    pace.textContent = `${t('scoreAtPace')} ${pct(group.scoreAtPace)}`;
    box.appendChild(pace);
    const counts = {};
    group.kpis.forEach((k) => { counts[k.status] = (counts[k.status] || 0) + 1; });
    Object.keys(STATUS_COLOUR).filter((s) => counts[s]).forEach((s) => {
      const badge = document.createElement('span');
      badge.className = 'status ' + s;
      badge.dataset.status = s;
      badge.textContent = `${statusName(s)} ${counts[s]}`;
      box.appendChild(badge);
    });
    const c = state.changes;
    if (c && !c.failed) {
      const moved = c.kpis.filter((k) => k.statusChanged);
      const line = document.createElement('div');
      line.className = 'sub';
      line.style.width = '100%';
      line.dataset.testid = 'overview-status-changes';
      line.textContent = `${t('kpisChanged')(c.kpis.length)} · ` + (moved.length === 0 ? t('noStatusChanges')
        : `${t('statusChanges')}: ` + moved.map((k) => `${k.scope === 'group' ? t('group') : k.scope} ${kpiName(k.kpiId)} `
          + `${k.sealed ? statusName(k.sealed.status) : dash} → ${k.live ? statusName(k.live.status) : dash}`).join('；'));
      box.appendChild(line);
    }
  }

  // ---- drill-down: a KPI from the group to a unit, then to its apps, customers or models -----------------------
  /**
   * The dimension a scope's next level is cut by, from the gateway's table of which KPI splits by what
   * (GET /api/v1/executive/drivers/dimensions): the group by unit where it can, a unit by the first dimension offered
   * within it; null when the KPI cannot be split there.
   */
  function nextBy(kpi, scope) {
    const row = state.dimensions && state.dimensions[kpi];
    if (!row) return null;
    const offered = scope === 'group' ? row.group : row.withinUnit;
    if (!offered || offered.length === 0) return null;
    return scope === 'group' && offered.includes('unit') ? 'unit' : offered[0];
  }

  async function loadDimensions() {
    if (state.dimensions) return;
    const table = await optionalJson('/api/v1/executive/drivers/dimensions');
    state.dimensions = {};
    (Array.isArray(table) ? table : []).forEach((r) => { state.dimensions[r.kpi] = r; });
  }

  function openDrill(kpi, scope) {
    if (!state.view) return;
    state.drill = { kpi, scopes: [scope || 'group'] };
    loadDrill();
  }

  /** An optional answer: null when the API is not there (404, before the drivers are deployed) or fails. */
  async function optionalJson(url) {
    try {
      return await getJson(url);
    } catch (e) {
      return null;
    }
  }

  async function loadDrill() {
    const d = state.drill;
    const scope = d.scopes[d.scopes.length - 1];
    await loadDimensions();
    if (state.drill !== d) return;
    const by = nextBy(d.kpi, scope);
    if (!by) {
      d.by = null;
      d.drivers = null;
      d.breakdown = null;
      renderDrill();
      $('drill').dataset.loaded = 'true';
      return;
    }
    const period = encodeURIComponent($('period').value);
    const kpi = encodeURIComponent(d.kpi);
    const compare = state.view && state.view.previousPeriod ? '&compareTo=' + encodeURIComponent(state.view.previousPeriod) : '';
    $('drill').dataset.loaded = 'false';
    const [drivers, breakdown] = await Promise.all([
      optionalJson(`/api/v1/executive/kpis/${kpi}/drivers?period=${period}&by=${by}${compare}`
        + (scope === 'group' ? '' : '&scope=' + encodeURIComponent(scope))),
      optionalJson(`/api/v1/executive/breakdown?kpi=${kpi}&period=${period}&scope=${encodeURIComponent(scope)}&by=${by}`)
    ]);
    if (state.drill !== d) return;
    d.by = by;
    d.drivers = drivers && Array.isArray(drivers.members) ? drivers : null;
    d.breakdown = breakdown && Array.isArray(breakdown.members) ? breakdown : null;
    renderDrill();
    $('drill').scrollIntoView({ block: 'nearest' });
    $('drill').dataset.loaded = 'true';
  }

  /** A member as the page names it: the parts of the cloud revenue by name, any other member (a unit, an app, a model) by its id. */
  function memberName(member) {
    return t('memberLabel')[member] || member;
  }

  /** A part of the change not given to a member: a number, or an object with its contribution. */
  function partOf(x) {
    if (x === null || x === undefined) return null;
    return typeof x === 'object' ? (x.contribution ?? x.value ?? null) : x;
  }

  function renderDrill() {
    const box = $('drill');
    const d = state.drill;
    box.hidden = !d;
    if (!d) return;
    const unit = kpiUnit(d.kpi);
    const f = (v) => inUnit(unit, v);
    const title = $('drill-title');
    title.innerHTML = '';
    title.appendChild(kpiLabel(d.kpi));
    box.dataset.kpi = d.kpi;
    box.dataset.scope = d.scopes[d.scopes.length - 1];
    $('drill-path').textContent = d.scopes.map((s) => (s === 'group' ? t('group') : s)).join(' › ')
      + (d.by ? ` › ${t('scopeLabel')[d.by] || d.by}` : '');
    $('drill-up').hidden = d.scopes.length < 2 && d.scopes[0] === 'group';
    // The drivers: before, each member's contribution, after, as a waterfall.
    const dr = d.drivers;
    $('drill-drivers-box').hidden = !dr;
    box.dataset.before = dr ? String(dr.before) : '';
    box.dataset.after = dr ? String(dr.after) : '';
    box.dataset.change = dr ? String(dr.change) : '';
    const driverRows = $('drill-drivers').querySelector('tbody');
    driverRows.innerHTML = '';
    if (dr) {
      const steps = dr.members.map((m) => ({ name: memberName(m.member), member: m.member, contribution: m.contribution, m }));
      if (partOf(dr.others) !== null) steps.push({ name: t('others'), member: '(others)', contribution: partOf(dr.others) });
      if (partOf(dr.residual) !== null) steps.push({ name: t('residual'), member: '(residual)', contribution: partOf(dr.residual) });
      steps.forEach((step) => {
        const tr = document.createElement('tr');
        tr.dataset.member = step.member;
        tr.dataset.contribution = String(step.contribution);
        const m = step.m || {};
        [step.name, f(m.before), f(m.after), (Number(step.contribution) > 0 ? '+' : '') + f(step.contribution)].forEach((text) => {
          const td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        });
        if (m.rateEffect !== undefined && m.rateEffect !== null) {
          tr.title = `rate ${f(m.rateEffect)} · mix ${f(m.mixEffect)}`;
        }
        driverRows.appendChild(tr);
      });
      const total = document.createElement('tr');
      total.className = 'total';
      total.dataset.testid = 'drill-change';
      [`${t('change')} (${dr.compareTo || ''} → ${dr.period || ''})`, f(dr.before), f(dr.after),
        (Number(dr.change) > 0 ? '+' : '') + f(dr.change)].forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        total.appendChild(td);
      });
      driverRows.appendChild(total);
      waterfall(dr, steps, f);
    }
    // The breakdown: each member's value; a click opens the member's own level.
    const bd = d.breakdown;
    $('drill-breakdown-box').hidden = !bd;
    const rows = $('drill-breakdown').querySelector('tbody');
    rows.innerHTML = '';
    const deeper = d.scopes.length < 2;
    if (bd) {
      bd.members.forEach((m) => {
        const tr = document.createElement('tr');
        tr.dataset.member = m.member;
        tr.dataset.value = String(m.value);
        [memberName(m.member), f(m.value)].forEach((text) => {
          const td = document.createElement('td');
          td.textContent = text;
          tr.appendChild(td);
        });
        if (deeper) tr.addEventListener('click', () => drillInto(m.member));
        rows.appendChild(tr);
      });
      const c = chart('chart-breakdown');
      c.off('click');
      c.setOption({
        animation: false,
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${f(p.value)}` },
        xAxis: { type: 'value', axisLabel: { formatter: f } },
        yAxis: { type: 'category', inverse: true, data: bd.members.map((m) => memberName(m.member)) },
        series: [{ type: 'bar', data: bd.members.map((m) => Number(m.value)), itemStyle: { color: '#ff6a00' } }]
      }, true);
      if (deeper) c.on('click', (p) => drillInto(bd.members[p.dataIndex].member));
    }
    $('drill-none').hidden = Boolean(dr || bd);
  }

  function drillInto(member) {
    if (!state.drill || state.drill.by !== 'unit') return;
    state.drill = { kpi: state.drill.kpi, scopes: state.drill.scopes.concat(member) };
    loadDrill();
  }

  /**
   * The waterfall: a bar for the value before, one per member's contribution floating on a transparent base, a bar
   * for the value after. Every bar is drawn above the axis' floor, so a margin below zero draws as well.
   */
  function waterfall(dr, steps, f) {
    const totals = [Number(dr.before)];
    steps.forEach((s) => totals.push(totals[totals.length - 1] + Number(s.contribution)));
    totals.push(Number(dr.after));
    const lo = Math.min(...totals);
    const hi = Math.max(...totals);
    const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.1 || 1;
    const floor = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    const base = [0];
    const rise = [{ value: Number(dr.before) - floor, itemStyle: { color: '#64748b' } }];
    steps.forEach((s, i) => {
      const from = totals[i];
      const to = totals[i + 1];
      base.push(Math.min(from, to) - floor);
      rise.push({ value: Math.abs(to - from), itemStyle: { color: to >= from ? '#16a34a' : '#dc2626' } });
    });
    base.push(0);
    rise.push({ value: Number(dr.after) - floor, itemStyle: { color: '#64748b' } });
    const labels = [t('before')].concat(steps.map((s) => s.name), [t('after')]);
    const shownValue = [Number(dr.before)].concat(steps.map((s) => Number(s.contribution)), [Number(dr.after)]);
    $('chart-drivers').dataset.steps = JSON.stringify(shownValue);
    chart('chart-drivers').setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps) => `${ps[0].name}: ${f(shownValue[ps[0].dataIndex])}` },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (x) => f(x + floor) } },
      series: [
        { type: 'bar', stack: 'waterfall', silent: true, itemStyle: { color: 'transparent' }, data: base },
        { type: 'bar', stack: 'waterfall', data: rise }
      ]
    }, true);
  }

  // ---- projection: a running period's dashed line to its end, with the interval --------------------------------
  /** Which trend chart draws a KPI, and which of its series the projection continues (null: the stack's top). */
  const PROJECTED_ON = { 'ai-attributed-revenue': ['chart-ai-revenue', null], 'ai-cash-revenue': ['chart-ai-revenue', 0],
    'cloud-share': ['chart-share', 0] };

  function renderProjections() {
    Object.values(PROJECTED_ON).forEach(([id]) => { $(id).dataset.projected = ''; });
    const group = state.review && !state.review.failed ? state.review.scopes.find((sc) => sc.scope === 'group') : null;
    if (!group) return;
    const at = state.trend.findIndex((p) => p.fiscalPeriod === state.review.period || p.period === state.review.period);
    if (at < 0) return;
    const drawn = {};
    group.kpis.filter((k) => PROJECTED_ON[k.kpiId] && !missing(k.projected)).forEach((k) => {
      const [id, seriesIndex] = PROJECTED_ON[k.kpiId];
      if (drawn[id]) return;
      drawn[id] = true;
      const c = chart(id);
      const option = c.getOption();
      const valueAt = (i) => (seriesIndex === null
        ? option.series.reduce((sum, s) => sum + Number(s.data[i] || 0), 0) : option.series[seriesIndex].data[i]);
      const line = state.trend.map(() => null);
      if (at > 0) line[at - 1] = valueAt(at - 1);
      line[at] = Number(k.projected);
      const name = `${kpiName(k.kpiId)} · ${t('projection')}`;
      const series = [{ name, type: 'line', data: line, connectNulls: true, symbol: 'emptyCircle',
        lineStyle: { type: 'dashed', color: '#2563eb' }, itemStyle: { color: '#2563eb' }, z: 5 }];
      if (!missing(k.projectedLow) && !missing(k.projectedHigh)) {
        series.push({ name: t('interval'), type: 'custom', z: 4, data: [[at, Number(k.projectedLow), Number(k.projectedHigh)]],
          renderItem: (params, api) => {
            const low = api.coord([api.value(0), api.value(1)]);
            const high = api.coord([api.value(0), api.value(2)]);
            const width = api.size([1, 0])[0] * 0.7;
            return { type: 'rect', shape: { x: low[0] - width / 2, y: high[1], width, height: low[1] - high[1] },
              style: { fill: 'rgba(37, 99, 235, 0.15)', stroke: 'rgba(37, 99, 235, 0.6)', lineDash: [4, 4] } };
          } });
      }
      c.setOption({ series: option.series.concat(series) });
      $(id).dataset.projected = JSON.stringify([k.kpiId, k.projected, k.projectedLow ?? null, k.projectedHigh ?? null]);
    });
  }

  // ---- CSV -----------------------------------------------------------------------------------------------
  // A text cell a spreadsheet would run as a formula (OWASP "CSV Injection": = + - @, tab, carriage return first) is
  // written with a single quote in front, quoted; a number stays as it is. The services' exports follow the same rule.
  const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  function csvCell(v) {
    const s = v === null || v === undefined ? '' : String(v);
    const quoted = (t) => '"' + t.replace(/"/g, '""') + '"';
    if (s === '' || typeof v === 'number' || NUMBER.test(s)) return s;
    if (/^[=+\-@\t\r]/.test(s)) return quoted("'" + s);
    return /[",;\t\n\r]/.test(s) ? quoted(s) : s;
  }
  window.dashboardCsvCell = csvCell;

  function csv(name) {
    const table = tables()[name];
    const text = [table.header, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    link.download = `${name}-${(state.view || state.review).period}.csv`;
    link.dataset.csv = text;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return text;
  }
  window.dashboardCsv = csv;

  // ---- start ---------------------------------------------------------------------------------------------
  function start() {
    const select = $('period');
    quarters().forEach((q) => {
      const opt = document.createElement('option');
      opt.value = q;
      opt.textContent = `${q} · ${fiscalName(q)}`;
      select.appendChild(opt);
    });
    const wanted = addressedView().period;
    FISCAL_YEARS.forEach((fy) => {
      const opt = document.createElement('option');
      opt.value = fy;
      const end = Number(fy.slice(2));
      opt.textContent = `${fy} · ${end - 1}-04…${end}-03`;
      select.appendChild(opt);
    });
    const offered = quarters().concat(FISCAL_YEARS);
    select.value = offered.includes(wanted) ? wanted : '2024-Q4';
    state.lang = addressedView().lang;
    state.section = addressedView().section;
    select.addEventListener('change', () => { remember(false); load(select.value); });
    $('lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; remember(false); render(); });
    document.querySelectorAll('[data-goto]').forEach((a) => a.addEventListener('click', (e) => {
      e.preventDefault();
      goTo(a.dataset.goto);
    }));
    // Back and forward: the view the address names again, loading only when the period differs.
    window.addEventListener('popstate', () => {
      const v = addressedView();
      const periodChanged = offered.includes(v.period) && v.period !== select.value;
      state.lang = v.lang;
      state.section = v.section;
      if (periodChanged) {
        select.value = v.period;
        load(v.period);
      } else {
        render();
      }
    });
    document.querySelectorAll('.card.drillable').forEach((card) => card.addEventListener('click', (e) => {
      if (e.target.closest('button')) return;
      openDrill(card.dataset.kpi, 'group');
    }));
    $('drill-close').addEventListener('click', () => { state.drill = null; renderDrill(); });
    $('drill-up').addEventListener('click', () => {
      if (!state.drill) return;
      // Up from a unit opened on its own (from its scorecard or review) is the group.
      const scopes = state.drill.scopes.length > 1 ? state.drill.scopes.slice(0, -1) : ['group'];
      state.drill = { kpi: state.drill.kpi, scopes };
      loadDrill();
    });
    $('live-toggle').addEventListener('change', async (e) => {
      state.showLive = e.target.checked;
      document.body.dataset.loaded = 'false';
      const p = encodeURIComponent(select.value);
      await loadSealed(select.value, state.unit ? `/api/v1/executive/reviews/${encodeURIComponent(state.unit)}?period=${p}` : null);
      render();
      document.body.dataset.loaded = 'true';
    });
    document.querySelectorAll('button.csv').forEach((b) => b.addEventListener('click', () => csv(b.dataset.chart)));
    window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
    $('sign-in').addEventListener('submit', signIn);
    $('sign-in-idp').addEventListener('click', () => signInWithProvider());
    $('sign-out').addEventListener('click', signOut);
    $('retention-app').addEventListener('change', (e) => chooseApp(e.target.value));
    Promise.all([getJson('/api/v1/dashboard/settings').catch(() => ({ demoNotice: false })),
      getJson('/api/v1/dashboard/names').catch(() => null)]).then(async ([s, names]) => {
      state.settings = s;
      state.names = names;
      render();
      const params = new URLSearchParams(location.search);
      if (params.has('code') || params.has('error')) {
        try {
          const period = await finishSignIn(params);
          if (period && offered.includes(period)) select.value = period;
          state.lang = addressedView().lang;
          state.section = addressedView().section;
        } catch (e) {
          showSignIn();
          $('sign-in-error').textContent = e.message;
          $('sign-in-error').hidden = false;
          document.body.dataset.loaded = 'true';
          return;
        }
      }
      remember(true);
      if (token()) {
        $('sign-out').hidden = false;
        load(select.value);
      } else {
        showSignIn();
        document.body.dataset.loaded = 'true';
      }
    });
  }
  start();
})();
