-- A real Neovim (0.7 and later) as an LSP client of `consistency-check serve --stdio`, with the
-- built-in client's default capabilities and nothing but `settings = { consistency = { model } }`,
-- as docs/editors.md tells a user to write. Driven by test/editors/neovim.test.ts:
--   nvim --headless -u NONE -i NONE -c "luafile test/editors/neovim-client.lua"
-- with CC_WORKSPACE (a copy of examples/), CC_MODEL, CC_SERVER (node + dist/cli.js) and CC_RESULT
-- (where the JSON report goes) in the environment. Every step records what it saw; the mocha test
-- asserts on the report, so a failure says which step and what came back.
local report = { steps = {} }
local function note(key, value) report[key] = value end
local function step(name) table.insert(report.steps, name) end

local workspace = os.getenv('CC_WORKSPACE')
local raw = {} -- publishDiagnostics params as sent (UTF-16 ranges), by URI

local function finish()
  local file = io.open(os.getenv('CC_RESULT'), 'w')
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd('qa!')
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'consistency',
    cmd = { 'node', os.getenv('CC_SERVER'), 'serve', '--stdio' },
    root_dir = workspace,
    settings = { consistency = { model = os.getenv('CC_MODEL'), threads = 1, debounceMs = 50 } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        raw[result.uri] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'the server did not start')
  local client = vim.lsp.get_client_by_id(client_id)
  note('offsetEncoding', client.offset_encoding)
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  note('announcedConfiguration', capabilities.workspace.configuration == true)
  note('announcedShowDocument', (capabilities.window.showDocument or {}).support == true)

  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/docs/faq.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('opened')

  local ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 50)
  local diagnostics = vim.diagnostic.get(bufnr)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
  note('diagnostics', vim.tbl_map(function(d) return { line = d.lnum, col = d.col, code = d.code, message = d.message } end, diagnostics))
  if not ok then return end
  step('diagnostics')

  local first = raw[uri][1]
  local position = { textDocument = { uri = uri }, position = first.range.start }
  local hover = client.request_sync('textDocument/hover', position, 10000, bufnr)
  note('hover', hover and hover.result and hover.result.contents.value)
  step('hover')

  local function actions_for(diagnostic)
    local params = { textDocument = { uri = uri }, range = diagnostic.range, context = { diagnostics = { diagnostic } } }
    local answer = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
    return answer and answer.result or {}
  end
  local actions = actions_for(first)
  note('actions', vim.tbl_map(function(a) return { title = a.title, command = a.command and a.command.command } end, actions))

  -- "Go to claim": offered only where Neovim announces window/showDocument (0.8 and later; not 0.7).
  for _, action in ipairs(actions) do
    if action.title:match('^Go to claim') then
      client.request_sync('workspace/executeCommand', action.command, 10000, bufnr)
      vim.wait(5000, function() return vim.api.nvim_buf_get_name(0):match('claims%.json$') ~= nil end, 50)
      note('afterGoToClaim', { file = vim.api.nvim_buf_get_name(0), line = vim.api.nvim_win_get_cursor(0)[1] })
      vim.cmd('buffer ' .. bufnr)
      step('goToClaim')
    end
  end

  -- Dismiss the first finding: its diagnostic goes, the other stays.
  for _, action in ipairs(actions) do
    if action.title:match('^Dismiss this finding') then
      client.request_sync('workspace/executeCommand', action.command, 10000, bufnr)
      vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == #diagnostics - 1 end, 50)
      note('afterDismiss', #vim.diagnostic.get(bufnr))
      step('dismiss')
    end
  end

  -- An edited line with an emoji and CJK before a contradiction: the range is in UTF-16 code units.
  local prefix = 'Ünïcode 😀 中文 works well. '
  local sentence = 'The service does not support two factor authentication.'
  vim.api.nvim_buf_set_lines(bufnr, 0, 1, false, { prefix .. sentence })
  local flagged = vim.wait(20000, function()
    for _, d in ipairs(raw[uri] or {}) do
      if d.range.start.line == 0 then return true end
    end
    return false
  end, 50)
  local _, utf16 = vim.str_utfindex(prefix .. sentence, #prefix)
  local _, utf16End = vim.str_utfindex(prefix .. sentence, #prefix + #sentence)
  note('edited', { flagged = flagged, expectedStart = utf16, expectedEnd = utf16End })
  for _, d in ipairs(raw[uri] or {}) do
    if d.range.start.line == 0 then note('editedRange', d.range) end
  end
  step('edit')

  local stop = vim.loop.hrtime()
  client.stop()
  vim.wait(3000, function() return client.is_stopped() end, 10)
  note('stopMs', (vim.loop.hrtime() - stop) / 1e6)
  step('stopped')
end

local ok, err = pcall(main)
if not ok then note('error', tostring(err)) end
finish()
