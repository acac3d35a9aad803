// ECharts types its locale files under types/src but ships them (as ES modules) under lib: this
// gives the French one the type ECharts declares for it.
declare module 'echarts/lib/i18n/langFR.js' {
  const locale: typeof import('echarts/types/src/i18n/langFR').default;
  export default locale;
}
