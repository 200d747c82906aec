;;; harness.el --- What the Emacs editor tests share  -*- lexical-binding: t; -*-
;;
;; Loaded first by test/editors/eglot.el and test/editors/lsp-mode.el:
;;
;;   (load (expand-file-name "harness.el" (file-name-directory load-file-name)) nil t)
;;
;; Checks and their report, the time limits, where the server is, and the checks of diagnostics
;; and document symbols that both clients make.  The loading file sets `marginalia-test-name', adds
;; its clean-up to `marginalia-test-finish-hook' and defines `marginalia-test-lsp-diags' and
;; `marginalia-test-get' (how its client reads a field of an LSP object).  Loading it starts the
;; hard limit for the whole run.

(require 'cl-lib)
(require 'subr-x)

(defconst marginalia-test-wait
  (string-to-number (or (getenv "MARGINALIA_WAIT_SECONDS") "20"))
  "Seconds each wait may take.")
(defvar marginalia-test-checks 0)
(defvar marginalia-test-failures 0)
(defvar marginalia-test-name "emacs"
  "The client under test, for the summary line.")
(defvar marginalia-test-finish-hook nil
  "Run by `marginalia-test-finish' before Emacs exits.")

(defun marginalia-test-say (fmt &rest args)
  ;; stdout, unbuffered: `princ' is buffered in batch mode (lost if the run is killed) and
  ;; `message' goes to stderr.
  (send-string-to-terminal (concat (apply #'format fmt args) "\n")))

(defun marginalia-test-check (ok what &optional detail)
  (cl-incf marginalia-test-checks)
  (if ok
      (marginalia-test-say "  ok   %s" what)
    (cl-incf marginalia-test-failures)
    (marginalia-test-say "  FAIL %s%s" what (if detail (format "\n       %s" detail) "")))
  ok)

(defun marginalia-test-finish ()
  (marginalia-test-say "%s: %d checks, %d failed"
                       marginalia-test-name marginalia-test-checks marginalia-test-failures)
  (run-hooks 'marginalia-test-finish-hook)
  (kill-emacs (if (> marginalia-test-failures 0) 1 0)))

(defun marginalia-test-wait-for (pred &optional seconds)
  "Process events until PRED returns non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) (or seconds marginalia-test-wait)))
        value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

;; Hard limit for the whole run, in case something blocks without timing out.
(run-with-timer (* 3 marginalia-test-wait) nil
                (lambda ()
                  (marginalia-test-say "  FAIL the run exceeded %ss" (* 3 marginalia-test-wait))
                  (kill-emacs 2)))

(defconst marginalia-test-root (expand-file-name default-directory))
(defconst marginalia-test-cli
  (expand-file-name (or (getenv "MARGINALIA_CLI") "dist/cli.js") marginalia-test-root))

(defun marginalia-test-use-elpa (&optional autoloads)
  "Put Debian's elpa-* folders on `load-path' (with -Q they are not activated).
With AUTOLOADS, also load each folder's *-autoloads.el."
  (dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
    (when (file-directory-p dir)
      (add-to-list 'load-path dir)
      (when autoloads
        (dolist (file (file-expand-wildcards (expand-file-name "*-autoloads.el" dir)))
          (load file t t))))))

;; --- Checks both clients make (fields read with the client's `marginalia-test-get') ----------

(defun marginalia-test-open-paper (library)
  "Check the server bundle is there, say what runs it (LIBRARY's folder) and open paper.md."
  (unless (marginalia-test-check (file-readable-p marginalia-test-cli)
                                 (format "server bundle exists: %s (run npm run build)"
                                         marginalia-test-cli))
    (marginalia-test-finish))
  (marginalia-test-say "emacs %s, %s: node %s lsp --stdio" emacs-version
                       (file-name-nondirectory
                        (directory-file-name (file-name-directory (locate-library library))))
                       marginalia-test-cli)
  (find-file (expand-file-name "document/paper.md" marginalia-test-root)))

(defun marginalia-test-uncited (diags)
  (cl-remove-if-not (lambda (d) (string-prefix-p "Uncited claim:"
                                                 (or (marginalia-test-get d :message) "")))
                    diags))

(defun marginalia-test-check-uncited (uncited)
  "The checks of each \"Uncited claim:\" diagnostic in UNCITED."
  (marginalia-test-check (cl-every (lambda (d) (eql (marginalia-test-get d :severity) 2)) uncited)
                         "uncited-claim diagnostics have severity 2 (warning)")
  (marginalia-test-check (cl-every (lambda (d) (string-match-p "\\`Uncited claim:[ \t]*[^ \t]"
                                                               (marginalia-test-get d :message)))
                                   uncited)
                         "uncited-claim messages carry a reason")
  (marginalia-test-check (cl-every (lambda (d) (equal (marginalia-test-get d :source) "marginalia"))
                                   uncited)
                         "uncited-claim diagnostics have source \"marginalia\""))

(defun marginalia-test-check-hover (text &optional also)
  "The checks of the hover TEXT on @katz2012russia.
ALSO is a list of (REGEXP . WHAT) checked after the year."
  (marginalia-test-check (not (string-empty-p text)) "hover returned contents")
  (marginalia-test-say "  hover: %s" (truncate-string-to-width
                                      (replace-regexp-in-string "\n" " | " text) 300))
  (marginalia-test-check (string-match-p "Katz" text) "hover names the author (Katz)")
  (marginalia-test-check (string-match-p (regexp-quote "(2012)") text)
                         "hover has the year in parentheses (2012)")
  (dolist (check also)
    (marginalia-test-check (string-match-p (car check) text) (cdr check)))
  (marginalia-test-check (string-match-p "Editorial citation" text) "hover says \"Editorial citation\""))

(defun marginalia-test-symbols-by-name (symbols)
  (let ((table (make-hash-table :test 'equal)))
    (cl-labels ((walk (list)
                  (seq-doseq (s list)
                    (unless (gethash (marginalia-test-get s :name) table)
                      (puthash (marginalia-test-get s :name) s table))
                    (walk (or (marginalia-test-get s :children) [])))))
      (walk symbols))
    table))

(defun marginalia-test-check-symbols (symbols)
  "The checks of paper.md's document SYMBOLS."
  (let ((by-name (marginalia-test-symbols-by-name (or symbols []))))
    (marginalia-test-check (> (length symbols) 0) "documentSymbol returned symbols")
    (marginalia-test-say "  top-level symbols: %s"
                         (mapconcat (lambda (s) (marginalia-test-get s :name)) symbols ", "))
    (dolist (section '("1 Introduction" "2 Method and Theoretical Framework" "3 Discussion"
                       "4 Conclusion and Suggestions" "5 References"))
      (marginalia-test-check (gethash section by-name) (format "symbol \"%s\"" section)))
    (let ((cons (gethash "Consequences" by-name)))
      (when (marginalia-test-check cons "symbol \"Consequences\"")
        (dolist (cat '("Positive consequences" "Negative consequences"))
          (let* ((kid (seq-find (lambda (c) (equal (marginalia-test-get c :name) cat))
                                (or (marginalia-test-get cons :children) [])))
                 (n (if kid (length (marginalia-test-get kid :children)) -1)))
            (marginalia-test-check (= n 5) (format "\"Consequences\" > \"%s\" has 5 children (got %d)"
                                                   cat n))))))))

(defun marginalia-test-run (main)
  "Call MAIN; a Lisp error fails the run."
  (condition-case err
      (funcall main)
    (error
     (marginalia-test-check nil "no Lisp error" (format "%S" err))
     (marginalia-test-finish))))

;;; harness.el ends here
