;;; lsp-mode.el --- Marginalia inside real Emacs with lsp-mode  -*- lexical-binding: t; -*-
;;
;;   emacs --batch -Q -l test/editors/lsp-mode.el       (from the repository root)
;;
;; Tested with Debian's emacs-nox 28.2 and elpa-lsp-mode 8.0.0.  Starts `node dist/cli.js lsp --stdio'
;; (override with MARGINALIA_CLI=path/to/cli.js) through lsp-mode, opens document/paper.md in
;; markdown-mode, waits (time-boxed) for diagnostics, then checks lsp-mode's diagnostics, hover on a
;; cited key and the document symbols.  Prints each check; exit code 0 = all passed, 1 = a check failed or an error,
;; 2 = the whole run hit its time limit.

(load (expand-file-name "harness.el" (file-name-directory load-file-name)) nil t)

(setq marginalia-test-name "lsp-mode")
;; No lsp-workspace-shutdown: in batch it waits for its own time-out; the server exits when
;; Emacs closes its stdin.
(add-hook 'marginalia-test-finish-hook (lambda () (ignore-errors (delete-file lsp-session-file))))

;; --- The configuration under test (docs/editors.md shows the same) -----------------------------

;; With -Q, Debian's elpa-* packages are not activated: put their folders on load-path and load
;; their autoloads (lsp-mode calls autoloaded functions such as `lsp-modeline-workspace-status-mode').
(marginalia-test-use-elpa t)

;; Keep lsp-mode's session file (the list of known project roots) out of ~/.emacs.d.
(setq lsp-session-file (expand-file-name (make-temp-name "marginalia-lsp-session-")
                                         temporary-file-directory))
(setq lsp-auto-guess-root t          ; the project root, from project.el (the git repository)
      lsp-keep-workspace-alive nil
      lsp-enable-snippet nil)           ; no yasnippet here

(unless (and (require 'markdown-mode nil t) (require 'lsp-mode nil t))
  (marginalia-test-say "  FAIL (require 'lsp-mode): not installed (apt-get install elpa-lsp-mode)")
  (kill-emacs 1))

(lsp-register-client
 (make-lsp-client
  :new-connection (lsp-stdio-connection (list "node" marginalia-test-cli "lsp" "--stdio"))
  :activation-fn (lsp-activate-on "markdown")
  :major-modes '(markdown-mode gfm-mode)
  :server-id 'marginalia))

;; ------------------------------------------------------------------------------------------------

(defun marginalia-test-lsp-diags ()
  "The LSP Diagnostic objects lsp-mode holds for the current file."
  (append (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t)) nil))

(defun marginalia-test-get (object key)
  (lsp-get object key))

(defun marginalia-test-main ()
  (marginalia-test-open-paper "lsp-mode")
  (marginalia-test-check (eq major-mode 'markdown-mode) (format "paper.md opened in %s" major-mode))
  ;; `lsp-deferred' (the usual hook) waits for the buffer to be shown, which batch mode never does.
  (let ((inhibit-message t)) (lsp))
  (let ((ws (marginalia-test-wait-for
             (lambda () (seq-find (lambda (w) (eq (lsp--workspace-status w) 'initialized))
                                  (lsp-workspaces))))))
    (unless (marginalia-test-check ws "lsp-mode connected and the server initialized")
      (marginalia-test-finish))
    (marginalia-test-check (equal (lsp--workspace-root ws) (directory-file-name marginalia-test-root))
                           (format "workspace root is the repository (%s)" (lsp--workspace-root ws)))

    (let* ((t0 (float-time))
           (got (marginalia-test-wait-for
                 (lambda () (>= (length (marginalia-test-uncited (marginalia-test-lsp-diags))) 5))))
           (all (marginalia-test-lsp-diags))
           (uncited (marginalia-test-uncited all)))
      (marginalia-test-say "  diagnostics after %d ms: %d in paper.md"
                           (round (* 1000 (- (float-time) t0))) (length all))
      (marginalia-test-check got (format "lsp-mode holds >= 5 \"Uncited claim:\" diagnostics (got %d)"
                                         (length uncited)))
      (when uncited
        (marginalia-test-say "  e.g. %s" (lsp-get (car uncited) :message))
        (marginalia-test-check-uncited uncited)))

    (goto-char (point-min))
    (when (marginalia-test-check (search-forward "@katz2012russia" nil t) "found @katz2012russia in paper.md")
      (goto-char (+ (match-beginning 0) 3))
      (let* ((params (lsp--text-document-position-params))
             (hover (condition-case err (lsp-request "textDocument/hover" params)
                      (error (marginalia-test-say "  hover error: %S" err) nil)))
             (contents (and hover (lsp-get hover :contents)))
             ;; the same rendering lsp-mode's eldoc/lsp-describe-thing-at-point use
             (text (if contents (substring-no-properties (lsp--render-on-hover-content contents t)) "")))
        (marginalia-test-check-hover text)))

    (let* ((symbols (condition-case err
                        (lsp-request "textDocument/documentSymbol"
                                     (list :textDocument (lsp--text-document-identifier)))
                      (error (marginalia-test-say "  documentSymbol error: %S" err) nil))))
      (marginalia-test-check-symbols symbols)))
  (marginalia-test-finish))

(marginalia-test-run #'marginalia-test-main)

;;; lsp-mode.el ends here
