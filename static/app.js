// The portal's only script. Everything works without it; it adds GOV.UK Frontend behaviour,
// the CSRF header for htmx, and the idle sign-out warning.
import { initAll } from './vendor/govuk-frontend/govuk-frontend.min.js'

initAll()

function csrfToken () {
  const meta = document.querySelector('meta[name="csrf-token"]')
  if (meta) return meta.content
  const field = document.querySelector('input[name="csrf_token"]')
  return field ? field.value : ''
}

// We keep no copies of pages in the browser (historyCacheSize 0: they may show family data), so
// Back after an htmx step loads the page afresh, with all its behaviour, instead of htmx
// swapping the whole page into the body.
if (window.htmx) window.htmx.config.refreshOnHistoryMiss = true

// htmx sends the CSRF token as a header on every request it makes.
document.body.addEventListener('htmx:configRequest', (event) => {
  event.detail.headers['X-CSRFToken'] = csrfToken()
})

// Swapped-in fragments get GOV.UK Frontend behaviour too; focus moves to a marked element
// (a new question or an error summary) so screen reader users hear what changed.
document.body.addEventListener('htmx:afterSwap', (event) => {
  initAll({ scope: event.detail.target })
  const focusTarget = event.detail.target.querySelector('[data-focus-after-swap]')
  if (focusTarget) {
    if (!focusTarget.hasAttribute('tabindex')) focusTarget.setAttribute('tabindex', '-1')
    focusTarget.focus()
  }
})

// Idle sign-out: warn before the server's idle limit; "stay signed in" counts as activity.
const body = document.body
const timeoutSeconds = Number(body.dataset.idleTimeoutSeconds || 0)
const warningSeconds = Number(body.dataset.idleWarningSeconds || 0)
const dialog = document.getElementById('idle-warning')
if (timeoutSeconds > 0 && dialog) {
  let warnTimer
  let endTimer
  const start = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(0, timeoutSeconds - warningSeconds) * 1000)
    // A few seconds after the server's limit, reload: the server signs the session out.
    endTimer = setTimeout(() => window.location.reload(), (timeoutSeconds + 5) * 1000)
  }
  dialog.querySelector('[data-idle-stay]').addEventListener('click', async () => {
    await fetch(body.dataset.keepAliveUrl, {
      method: 'POST',
      headers: { 'X-CSRFToken': csrfToken() },
      credentials: 'same-origin'
    })
    dialog.close()
    start()
  })
  document.body.addEventListener('htmx:afterRequest', start)
  start()
}
