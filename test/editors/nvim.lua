-- Marginalia inside real Neovim (0.7+), with Neovim's built-in LSP client.
--
--   nvim --headless -u test/editors/nvim.lua            (from the repository root)
--
-- `-u FILE` makes this script the whole configuration: no user init, no plugins beyond the runtime.
-- It starts `node dist/cli.js lsp --stdio` (override with MARGINALIA_CLI=path/to/cli.js), opens
-- document/paper.md, waits (time-boxed) for diagnostics, then checks hover on a cited key,
-- diagnostics and the document symbols. It prints each check and exits 0 only if all passed
-- (`cquit` on any failure, error or timeout).

local WAIT_MS = tonumber(os.getenv('MARGINALIA_WAIT_MS') or '') or 20000
local failures, checks = 0, 0

local function say(msg) io.stdout:write(msg .. '\n') end

local function finish()
  say(string.format('nvim: %d checks, %d failed', checks, failures))
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
  if failures > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
end

local function check(ok, what, detail)
  checks = checks + 1
  if ok then
    say('  ok   ' .. what)
  else
    failures = failures + 1
    say('  FAIL ' .. what .. (detail and ('\n       ' .. tostring(detail)) or ''))
  end
  return ok
end

local function fatal(what)
  check(false, what)
  finish()
end

local root = vim.fn.getcwd()
local cli = os.getenv('MARGINALIA_CLI') or (root .. '/dist/cli.js')
local server_stopped = false -- set by on_exit: every wait below stops early when the server dies

-- --- The configuration under test (docs/editors.md shows the same, with cmd = { 'marginalia', ... }) ---
-- Neovim 0.7 has no vim.lsp.start (0.8+): start one client on the first Markdown buffer, attach
-- every Markdown buffer to it.
local marginalia_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    if not marginalia_client or vim.lsp.client_is_stopped(marginalia_client) then
      marginalia_client = vim.lsp.start_client({
        name = 'marginalia',
        cmd = { 'node', cli, 'lsp', '--stdio' },
        root_dir = vim.fn.getcwd(),
        on_exit = function(code, signal)
          server_stopped = true
          if code ~= 0 then say(string.format('  (server exited: code %s, signal %s)', code, signal)) end
        end,
      })
    end
    if marginalia_client then vim.lsp.buf_attach_client(args.buf, marginalia_client) end
  end,
})
-- -----------------------------------------------------------------------------------------------

local function main()
  local paper = root .. '/document/paper.md'
  if vim.fn.filereadable(cli) == 0 then return fatal('server bundle exists: ' .. cli .. ' (run npm run build)') end
  if vim.fn.filereadable(paper) == 0 then return fatal('document exists: ' .. paper) end
  say('nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) ..
      '.' .. tostring(vim.version().patch) .. ': node ' .. cli .. ' lsp --stdio')

  -- Open the paper as a user would: filetype detection runs the FileType autocommand above.
  vim.cmd('edit ' .. vim.fn.fnameescape(paper))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'markdown', 'paper.md has filetype markdown (got ' .. vim.bo[bufnr].filetype .. ')')
  local client_id = marginalia_client
  if not check(client_id ~= nil, 'the FileType autocommand started a client') then return finish() end
  check(vim.lsp.buf_is_attached(bufnr, client_id), 'the client is attached to paper.md')

  local client
  local up = vim.wait(WAIT_MS, function()
    client = vim.lsp.get_client_by_id(client_id)
    return server_stopped or (client ~= nil and client.initialized == true)
  end, 50) and not server_stopped
  if not check(up, 'server initialized within ' .. WAIT_MS .. ' ms',
                server_stopped and 'the server exited; its stderr is in ' .. vim.lsp.get_log_path()) then
    return finish()
  end

  -- Diagnostics: published by the server after didOpen.
  local function uncited()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if type(d.message) == 'string' and d.message:match('^Uncited claim:') then table.insert(out, d) end
    end
    return out
  end
  local t0 = vim.loop.hrtime()
  local got = vim.wait(WAIT_MS, function() return server_stopped or #uncited() >= 5 end, 50)
  local diags = vim.diagnostic.get(bufnr)
  say(string.format('  diagnostics after %d ms: %d in paper.md', (vim.loop.hrtime() - t0) / 1e6, #diags))
  local u = uncited()
  check(got, 'at least 5 diagnostics whose message starts "Uncited claim:" (got ' .. #u .. ')')
  local all_warn, with_reason, from_marginalia = true, true, true
  for _, d in ipairs(u) do
    if d.severity ~= vim.diagnostic.severity.WARN then all_warn = false end
    -- "Uncited claim: <reason>; …" — a non-empty reason after the colon
    if not d.message:match('^Uncited claim:%s*%S') then with_reason = false end
    if d.source ~= 'marginalia' then from_marginalia = false end
  end
  if #u > 0 then
    say('  e.g. line ' .. (u[1].lnum + 1) .. ': ' .. u[1].message)
    check(all_warn, 'uncited-claim diagnostics are warnings')
    check(with_reason, 'uncited-claim messages carry a reason')
    check(from_marginalia, 'uncited-claim diagnostics have source "marginalia"')
  end

  -- Hover on a cited key: put the cursor inside `@katz2012russia` and let Neovim build the
  -- position (it converts the byte column to the client's offset encoding).
  local key = 'katz2012russia'
  local lnum = vim.fn.search('@' .. key, 'w')
  if check(lnum > 0, 'found @' .. key .. ' in paper.md') then
    local line = vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, true)[1]
    local col = line:find('@' .. key, 1, true) -- 1-based byte index of '@'
    vim.api.nvim_win_set_cursor(0, { lnum, col + 2 }) -- 0-based byte column: on the 'a' of katz
    local params = vim.lsp.util.make_position_params()
    say(string.format('  hover at line %d, character %d', params.position.line, params.position.character))
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, WAIT_MS)
    local text = ''
    if responses then
      for _, r in pairs(responses) do
        if r.error then err = vim.inspect(r.error) end
        if r.result and r.result.contents then
          local lines = vim.lsp.util.convert_input_to_markdown_lines(r.result.contents)
          text = text .. table.concat(lines, '\n')
        end
      end
    end
    check(text ~= '', 'hover returned contents', err)
    say('  hover: ' .. text:gsub('\n', ' | '):sub(1, 300))
    check(text:find('Katz', 1, true) ~= nil, 'hover names the author (Katz)')
    check(text:find('(2012)', 1, true) ~= nil, 'hover has the year in parentheses (2012)')
    check(text:find('Russia and Iran', 1, true) ~= nil, 'hover has the title (Russia and Iran)')
    check(text:find('Editorial citation', 1, true) ~= nil, 'hover says "Editorial citation"')
  end

  -- Document symbols.
  local sparams = { textDocument = vim.lsp.util.make_text_document_params() }
  local sresp, serr = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', sparams, WAIT_MS)
  local symbols = {}
  if sresp then
    for _, r in pairs(sresp) do
      if r.error then serr = vim.inspect(r.error) end
      if r.result then symbols = r.result end
    end
  end
  check(#symbols > 0, 'documentSymbol returned symbols', serr)
  local names, by_name = {}, {}
  local function walk(list, depth)
    for _, s in ipairs(list) do
      by_name[s.name] = by_name[s.name] or s
      if depth == 0 then table.insert(names, s.name) end
      walk(s.children or {}, depth + 1)
    end
  end
  walk(symbols, 0)
  say('  top-level symbols: ' .. table.concat(names, ', '))
  for _, section in ipairs({ '1 Introduction', '2 Method and Theoretical Framework', '3 Discussion',
                             '4 Conclusion and Suggestions', '5 References' }) do
    check(by_name[section] ~= nil, 'symbol "' .. section .. '"')
  end
  local cons = by_name['Consequences']
  if check(cons ~= nil, 'symbol "Consequences"') then
    local kids = {}
    for _, c in ipairs(cons.children or {}) do kids[c.name] = c end
    for _, cat in ipairs({ 'Positive consequences', 'Negative consequences' }) do
      local n = kids[cat] and #(kids[cat].children or {}) or -1
      check(n == 5, '"Consequences" > "' .. cat .. '" has 5 children (got ' .. n .. ')')
    end
  end

  finish()
end

-- Run once startup is complete (filetype detection is only enabled after the init file).
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  nested = true, -- so that :edit inside it fires the FileType autocommand
  callback = function()
    local ok, err = xpcall(main, debug.traceback)
    if not ok then
      check(false, 'no Lua error', err)
      finish()
    end
  end,
})
