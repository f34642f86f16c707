-- `proc lsp` in Neovim's own LSP client (the API of Neovim 0.7 and newer), run headless by tests/lsp/run.sh:
--   PROC=… nvim --headless -u NONE -c 'luafile tests/lsp/neovim.lua' FOLDER/processes/oro-for-anknytning.yaml
-- The open file has a legacy date; the test takes the preferred quick fix as the editor applies it and expects
-- the file clean. It writes what it saw to $OUT, ending with "ok" when everything held.
local out = {}
local function finish(message)
  table.insert(out, message)
  vim.fn.writefile(out, os.getenv('OUT'))
  vim.cmd('qa!')
end

local client = vim.lsp.start_client({
  cmd = { os.getenv('PROC'), 'lsp', '--today', '2026-06-01' },
  root_dir = vim.fn.expand('%:p:h:h'),
  name = 'proc',
})
vim.lsp.buf_attach_client(0, client)
if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20) then
  return finish('no diagnostics within 20 s')
end
local diagnostics = vim.diagnostic.get(0)
for _, d in ipairs(diagnostics) do
  table.insert(out, string.format('%d:%d %s', d.lnum + 1, d.col + 1, (d.message:gsub('\n', ' | '))))
end
local d = diagnostics[1]
if #diagnostics ~= 1 or not d.message:find('8 May 2018', 1, true) then
  return finish('expected one finding about 8.5.2018')
end

local params = {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum) },
}
local fixed = false
for _, response in pairs(vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}) do
  for _, action in ipairs(response.result or {}) do
    table.insert(out, 'action: ' .. action.title)
    if action.isPreferred and not fixed then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      fixed = true
    end
  end
end
if not fixed then
  return finish('no preferred quick fix')
end
if not vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 20) then
  return finish('the finding stayed after the fix')
end
local line = vim.fn.getline(d.lnum + 1)
table.insert(out, 'after the fix: ' .. line)
if line ~= '  date: 2018-05-08' then
  return finish('the fix wrote something else')
end
finish('ok')
