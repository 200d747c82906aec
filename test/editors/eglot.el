;;; eglot.el --- Marginalia inside real Emacs with eglot  -*- lexical-binding: t; -*-
;;
;;   emacs --batch -Q -l test/editors/eglot.el          (from the repository root)
;;
;; Tested with Debian's emacs-nox 28.2 and elpa-eglot 1.9.  Starts `node dist/cli.js lsp --stdio'
;; (override with MARGINALIA_CLI=path/to/cli.js) through eglot, opens document/paper.md, waits
;; (time-boxed) for diagnostics, then checks flymake diagnostics, hover on a cited key and the
;; document symbols.  Prints each check; exit code 0 = all passed, 1 = a check failed or an error,
;; 2 = the whole run hit its time limit.

(load (expand-file-name "harness.el" (file-name-directory load-file-name)) nil t)

(setq marginalia-test-name "eglot")
(add-hook 'marginalia-test-finish-hook
          (lambda () (ignore-errors (let ((inhibit-message t)) (eglot-shutdown-all)))))
(defalias 'marginalia-test-get #'plist-get)

;; --- The configuration under test (docs/editors.md shows the same) -----------------------------

;; With -Q, Debian's elpa-* packages are not activated: put their folders on load-path.
(marginalia-test-use-elpa)

(unless (require 'eglot nil t)
  (marginalia-test-say "  FAIL (require 'eglot): not installed (apt-get install elpa-eglot)")
  (kill-emacs 1))

;; Without markdown-mode (elpa-markdown-mode), .md files open in text-mode; manage both.
(unless (require 'markdown-mode nil t)
  (add-to-list 'auto-mode-alist '("\\.md\\'" . text-mode)))
(add-to-list 'eglot-server-programs
             `(((markdown-mode :language-id "markdown")
                (text-mode :language-id "markdown"))
               . ("node" ,marginalia-test-cli "lsp" "--stdio")))

;; ------------------------------------------------------------------------------------------------

(defun marginalia-test-lsp-diags ()
  "The LSP Diagnostic objects flymake holds for the current buffer."
  (delq nil (mapcar (lambda (d) (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))
                    (flymake-diagnostics))))

(defun marginalia-test-main ()
  (marginalia-test-open-paper "eglot")
  (marginalia-test-check (memq major-mode '(markdown-mode text-mode))
                         (format "paper.md opened in %s" major-mode))
  (marginalia-test-check (project-current) "the repository is a project (project-current)")
  ;; `eglot-ensure' only acts from `post-command-hook', which batch mode never runs.
  (let ((inhibit-message t))
    (apply #'eglot (eglot--guess-contact)))
  (let ((server (marginalia-test-wait-for
                 (lambda () (let ((s (eglot-current-server)))
                              (and s (jsonrpc-running-p s)
                                   (eglot--capabilities s) s))))))
    (unless (marginalia-test-check server "eglot connected and the server initialized")
      (marginalia-test-finish))
    (marginalia-test-check (bound-and-true-p eglot--managed-mode) "paper.md is managed by eglot")

    ;; Diagnostics: what flymake shows (falls back to eglot's own store if flymake has not
    ;; started its backend yet).
    (let* ((t0 (float-time))
           (got (marginalia-test-wait-for
                 (lambda () (>= (length (marginalia-test-uncited (marginalia-test-lsp-diags))) 5))))
           (flymake (flymake-diagnostics))
           (uncited (marginalia-test-uncited (marginalia-test-lsp-diags))))
      (marginalia-test-say "  flymake diagnostics after %d ms: %d in paper.md"
                           (round (* 1000 (- (float-time) t0))) (length flymake))
      (marginalia-test-check got (format "flymake holds >= 5 \"Uncited claim:\" diagnostics (got %d)"
                                         (length uncited))
                             (format "eglot's own store has %d" (length (bound-and-true-p eglot--diagnostics))))
      (when uncited
        (let ((first (cl-find-if (lambda (d) (string-match-p "Uncited claim" (flymake-diagnostic-text d)))
                                 flymake)))
          (when first
            (marginalia-test-say "  e.g. line %d: %s"
                                 (line-number-at-pos (flymake-diagnostic-beg first))
                                 (flymake-diagnostic-text first))
            (marginalia-test-check (eq (flymake-diagnostic-type first) 'eglot-warning)
                                   "flymake shows them as warnings")))
        (marginalia-test-check-uncited uncited)
        (marginalia-test-check (cl-every (lambda (d) (equal (plist-get d :code) "uncited-claim")) uncited)
                               "uncited-claim diagnostics have code \"uncited-claim\"")))

    ;; Hover on a cited key: point inside `@katz2012russia'; eglot converts point to an LSP
    ;; position (UTF-16 columns) itself.
    (goto-char (point-min))
    (when (marginalia-test-check (search-forward "@katz2012russia" nil t) "found @katz2012russia in paper.md")
      (goto-char (+ (match-beginning 0) 3))
      (let* ((params (eglot--TextDocumentPositionParams))
             (hover (condition-case err
                        (jsonrpc-request server :textDocument/hover params
                                         :timeout marginalia-test-wait)
                      (error (marginalia-test-say "  hover error: %S" err) nil)))
             (contents (plist-get hover :contents))
             ;; the same rendering eglot's eldoc function uses
             (text (if contents (substring-no-properties (eglot--hover-info contents)) "")))
        (marginalia-test-say "  hover at line %d, character %d"
                             (plist-get (plist-get params :position) :line)
                             (plist-get (plist-get params :position) :character))
        (marginalia-test-check-hover
         text '(("Russia and Iran" . "hover has the title (Russia and Iran)")))))

    ;; Document symbols, as eglot's imenu backend requests them.
    (let* ((symbols (condition-case err
                        (jsonrpc-request server :textDocument/documentSymbol
                                         `(:textDocument ,(eglot--TextDocumentIdentifier))
                                         :timeout marginalia-test-wait)
                      (error (marginalia-test-say "  documentSymbol error: %S" err) nil))))
      (marginalia-test-check-symbols symbols)
      ;; and eglot's own imenu index (what M-x imenu shows) is built from them
      (let ((index (ignore-errors (eglot-imenu))))
        (marginalia-test-check index "eglot-imenu builds an index from the symbols"))))
  (marginalia-test-finish))

(marginalia-test-run #'marginalia-test-main)

;;; eglot.el ends here
